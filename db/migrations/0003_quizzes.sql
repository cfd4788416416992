CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`cohort_id` integer,
	`program_slug` text NOT NULL,
	`module_slug` text NOT NULL,
	`number` integer NOT NULL,
	`quiz_version` text NOT NULL,
	`layout` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`submitted_at` integer,
	`closed_by` text,
	`score` real,
	`max_score` real NOT NULL,
	`graded_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quiz_version`) REFERENCES `quiz_versions`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_user_module_number_unique` ON `quiz_attempts` (`user_id`,`module_slug`,`number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_cohort_module_idx` ON `quiz_attempts` (`cohort_id`,`module_slug`);--> statement-breakpoint
CREATE TABLE `quiz_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`extra_attempts` integer DEFAULT 0 NOT NULL,
	`extra_minutes` integer DEFAULT 0 NOT NULL,
	`reason` text NOT NULL,
	`actor_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_overrides_user_module_idx` ON `quiz_overrides` (`user_id`,`module_slug`);--> statement-breakpoint
CREATE TABLE `quiz_responses` (
	`attempt_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`response` text,
	`saved_at` integer NOT NULL,
	`score` real,
	`fraction` real,
	`rubric_levels` text,
	`graded_by` integer,
	`comment` text,
	`graded_at` integer,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`graded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_versions` (
	`hash` text PRIMARY KEY NOT NULL,
	`module_slug` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL
);
