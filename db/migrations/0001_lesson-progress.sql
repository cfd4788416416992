CREATE TABLE `lesson_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`program_slug` text NOT NULL,
	`module_slug` text NOT NULL,
	`lesson_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`last_heartbeat_at` integer,
	`engaged_seconds` integer DEFAULT 0 NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_user_lesson_unique` ON `lesson_progress` (`user_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_user_module_idx` ON `lesson_progress` (`user_id`,`module_slug`);