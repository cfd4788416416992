CREATE TABLE `attendance` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`minutes_attended` integer NOT NULL,
	`via` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`note` text,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `live_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_user_idx` ON `attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `field_practices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`enrollment_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`practiced_on` text NOT NULL,
	`minutes` integer NOT NULL,
	`rubric_score` real,
	`evidence_note` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `field_practices_user_idx` ON `field_practices` (`user_id`,`module_slug`);--> statement-breakpoint
CREATE INDEX `field_practices_enrollment_idx` ON `field_practices` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `hour_budgets` (
	`program_slug` text NOT NULL,
	`module_slug` text NOT NULL,
	`budget` text NOT NULL,
	`minutes` integer NOT NULL,
	PRIMARY KEY(`program_slug`, `module_slug`, `budget`)
);
--> statement-breakpoint
CREATE TABLE `hours_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`program_slug` text NOT NULL,
	`enrollment_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`source` text NOT NULL,
	`budget` text NOT NULL,
	`ref` text NOT NULL,
	`ref_minutes` integer NOT NULL,
	`minutes` integer NOT NULL,
	`reverses_id` integer,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	`reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hours_ledger_user_program_idx` ON `hours_ledger` (`user_id`,`program_slug`,`module_slug`);--> statement-breakpoint
CREATE INDEX `hours_ledger_ref_idx` ON `hours_ledger` (`user_id`,`program_slug`,`source`,`ref`);--> statement-breakpoint
CREATE INDEX `hours_ledger_enrollment_idx` ON `hours_ledger` (`enrollment_id`);--> statement-breakpoint
CREATE INDEX `hours_ledger_recorded_idx` ON `hours_ledger` (`recorded_at`);--> statement-breakpoint
CREATE TABLE `live_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`location` text NOT NULL,
	`checkin_secret` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `live_sessions_cohort_idx` ON `live_sessions` (`cohort_id`,`starts_at`);