CREATE TABLE `quiz_regrades` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`module_slug` text NOT NULL,
	`quiz_version` text NOT NULL,
	`questions` text NOT NULL,
	`score_before` real,
	`score_after` real,
	`max_score_before` real NOT NULL,
	`max_score_after` real NOT NULL,
	`module_passed_before` integer NOT NULL,
	`module_passed_after` integer NOT NULL,
	`actor_id` integer NOT NULL,
	`regraded_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`quiz_version`) REFERENCES `quiz_versions`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_regrades_attempt_version_unique` ON `quiz_regrades` (`attempt_id`,`quiz_version`);--> statement-breakpoint
CREATE INDEX `quiz_regrades_user_idx` ON `quiz_regrades` (`user_id`);--> statement-breakpoint
ALTER TABLE `quiz_responses` ADD `regraded_version` text REFERENCES quiz_versions(hash);--> statement-breakpoint
ALTER TABLE `quiz_responses` ADD `regraded_at` integer;