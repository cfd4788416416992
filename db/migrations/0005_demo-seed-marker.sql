CREATE TABLE `seed_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL
);
