-- An issued certificate never changes (DESIGN.md, "Certificates are immutable records"): only its
-- status may, once — revoked, or replaced by a reissue — and it is never deleted.
CREATE TRIGGER `certificates_immutable` BEFORE UPDATE ON `certificates`
WHEN NEW.`id` IS NOT OLD.`id` OR NEW.`program_slug` IS NOT OLD.`program_slug` OR NEW.`folio` IS NOT OLD.`folio`
	OR NEW.`folio_year` IS NOT OLD.`folio_year` OR NEW.`folio_number` IS NOT OLD.`folio_number`
	OR NEW.`verification_code` IS NOT OLD.`verification_code` OR NEW.`user_id` IS NOT OLD.`user_id`
	OR NEW.`cohort_id` IS NOT OLD.`cohort_id` OR NEW.`enrollment_id` IS NOT OLD.`enrollment_id`
	OR NEW.`snapshot` IS NOT OLD.`snapshot` OR NEW.`pdf` IS NOT OLD.`pdf` OR NEW.`pdf_sha256` IS NOT OLD.`pdf_sha256`
	OR (OLD.`credential` IS NOT NULL AND NEW.`credential` IS NOT OLD.`credential`)
	OR NEW.`status_list_index` IS NOT OLD.`status_list_index` OR NEW.`issued_at` IS NOT OLD.`issued_at`
	OR NEW.`issued_by` IS NOT OLD.`issued_by` OR NEW.`replaces_id` IS NOT OLD.`replaces_id`
	OR (OLD.`revoked_at` IS NOT NULL AND NEW.`revoked_at` IS NOT OLD.`revoked_at`)
	OR (OLD.`replaced_at` IS NOT NULL AND NEW.`replaced_at` IS NOT OLD.`replaced_at`)
BEGIN
	SELECT RAISE(ABORT, 'certificates are immutable: revoke or reissue instead');
END;
--> statement-breakpoint
CREATE TRIGGER `certificates_no_delete` BEFORE DELETE ON `certificates`
BEGIN
	SELECT RAISE(ABORT, 'certificates are immutable: revoke or reissue instead');
END;
