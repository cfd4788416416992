CREATE TABLE `checklist_marks` (
	`user_id` integer NOT NULL,
	`lesson_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`marks` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `lesson_id`, `checklist_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `practice_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`cohort_id` integer,
	`enrollment_id` integer,
	`kind` text NOT NULL,
	`exercise_slug` text NOT NULL,
	`exercise_version` text NOT NULL,
	`state` text NOT NULL,
	`status` text NOT NULL,
	`score` real,
	`max_score` real,
	`feedback` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`review_comment` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_attempts_one_open_unique` ON `practice_attempts` (`user_id`,`exercise_slug`) WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX `practice_attempts_user_idx` ON `practice_attempts` (`user_id`,`kind`);--> statement-breakpoint
CREATE INDEX `practice_attempts_cohort_idx` ON `practice_attempts` (`cohort_id`,`exercise_slug`);