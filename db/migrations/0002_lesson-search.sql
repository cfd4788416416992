-- Full-text search over the lessons, accent-insensitive for Spanish (STACK.md §10).
-- drizzle-kit does not manage virtual tables; the server fills it from content/ when the content changes.
CREATE VIRTUAL TABLE `lesson_search` USING fts5(
	`lesson_id` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TABLE `lesson_search_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`content_hash` text NOT NULL,
	`indexed_at` integer NOT NULL
);
