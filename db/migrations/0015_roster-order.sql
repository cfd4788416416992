-- A cohort's roster is shown in Spanish name order (users.sort_key, migration 0012). Copying the
-- key onto each enrollment lets the roster pages read a page of 50 from an index instead of
-- sorting the whole cohort on every view (docs/decisions/024). The triggers keep the copy: the
-- application never writes it.
ALTER TABLE `enrollments` ADD `sort_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `enrollments` SET `sort_key` = coalesce((SELECT `sort_key` FROM `users` WHERE `users`.`id` = `enrollments`.`user_id`), '');--> statement-breakpoint
CREATE INDEX `enrollments_cohort_sort_idx` ON `enrollments` (`cohort_id`,`sort_key`,`user_id`);--> statement-breakpoint
CREATE TRIGGER `enrollments_sort_key_on_insert` AFTER INSERT ON `enrollments`
BEGIN
	UPDATE `enrollments` SET `sort_key` = coalesce((SELECT `sort_key` FROM `users` WHERE `id` = NEW.`user_id`), '') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `enrollments_sort_key_on_user_change` AFTER UPDATE OF `user_id` ON `enrollments`
BEGIN
	UPDATE `enrollments` SET `sort_key` = coalesce((SELECT `sort_key` FROM `users` WHERE `id` = NEW.`user_id`), '') WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_sort_key_to_enrollments` AFTER UPDATE OF `sort_key` ON `users`
BEGIN
	UPDATE `enrollments` SET `sort_key` = NEW.`sort_key` WHERE `user_id` = NEW.`id`;
END;
