CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_slug` text NOT NULL,
	`folio` text NOT NULL,
	`folio_year` integer NOT NULL,
	`folio_number` integer NOT NULL,
	`verification_code` text NOT NULL,
	`user_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`enrollment_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`pdf` blob NOT NULL,
	`pdf_sha256` text NOT NULL,
	`credential` blob,
	`status_list_index` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`issued_by` integer NOT NULL,
	`replaces_id` integer,
	`replaced_at` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	`revocation_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_folio_unique` ON `certificates` (`folio`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_verification_code_unique` ON `certificates` (`verification_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_status_list_index_unique` ON `certificates` (`status_list_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_folio_sequence_unique` ON `certificates` (`program_slug`,`folio_year`,`folio_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_one_active_unique` ON `certificates` (`user_id`,`cohort_id`) WHERE revoked_at is null and replaced_at is null;--> statement-breakpoint
CREATE INDEX `certificates_cohort_idx` ON `certificates` (`cohort_id`);--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE TABLE `eligibility_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`rule` text NOT NULL,
	`reason` text NOT NULL,
	`granted_by` integer NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eligibility_exceptions_unique` ON `eligibility_exceptions` (`user_id`,`cohort_id`,`rule`);--> statement-breakpoint
CREATE TABLE `status_lists` (
	`id` integer PRIMARY KEY NOT NULL,
	`credential` blob NOT NULL,
	`updated_at` integer NOT NULL
);
