-- A regrade is a record of what happened to a grade (docs/decisions/007): the learner's review
-- and the coordinator's review of certificates read it, so it is never changed or deleted. A
-- later correction of the same key is a new row for the new version.
CREATE TRIGGER `quiz_regrades_no_update` BEFORE UPDATE ON `quiz_regrades`
BEGIN
	SELECT RAISE(ABORT, 'quiz_regrades is append-only: regrade with the corrected version instead');
END;
--> statement-breakpoint
CREATE TRIGGER `quiz_regrades_no_delete` BEFORE DELETE ON `quiz_regrades`
BEGIN
	SELECT RAISE(ABORT, 'quiz_regrades is append-only: regrade with the corrected version instead');
END;
