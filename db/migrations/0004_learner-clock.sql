CREATE TABLE `learner_clocks` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`credited_until` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
