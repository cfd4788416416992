-- The hours ledger is append-only, and no entry may take a reference's net credit outside
-- 0..ref_minutes, nor a module budget's net credit above its minutes (DESIGN.md, "Hours are a
-- ledger"; docs/decisions/014-hours-budget.md). Enforced here, so no code path can bypass it.
CREATE TRIGGER `hours_ledger_no_update` BEFORE UPDATE ON `hours_ledger`
BEGIN
	SELECT RAISE(ABORT, 'hours_ledger is append-only: add a correcting entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER `hours_ledger_no_delete` BEFORE DELETE ON `hours_ledger`
BEGIN
	SELECT RAISE(ABORT, 'hours_ledger is append-only: add a correcting entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER `hours_ledger_reference_net` BEFORE INSERT ON `hours_ledger`
WHEN NEW.`minutes` = 0
	OR coalesce((SELECT sum(`minutes`) FROM `hours_ledger`
		WHERE `user_id` = NEW.`user_id` AND `program_slug` = NEW.`program_slug`
			AND `source` = NEW.`source` AND `ref` = NEW.`ref`), 0) + NEW.`minutes` NOT BETWEEN 0 AND NEW.`ref_minutes`
BEGIN
	SELECT RAISE(ABORT, 'hours_ledger: the net credit of a reference must stay between 0 and its minutes');
END;
--> statement-breakpoint
CREATE TRIGGER `hours_ledger_budget` BEFORE INSERT ON `hours_ledger`
WHEN NEW.`minutes` > 0
	AND coalesce((SELECT sum(`minutes`) FROM `hours_ledger`
		WHERE `user_id` = NEW.`user_id` AND `program_slug` = NEW.`program_slug`
			AND `module_slug` = NEW.`module_slug` AND `budget` = NEW.`budget`), 0) + NEW.`minutes`
		> coalesce((SELECT `minutes` FROM `hour_budgets`
			WHERE `program_slug` = NEW.`program_slug` AND `module_slug` = NEW.`module_slug` AND `budget` = NEW.`budget`), 0)
BEGIN
	SELECT RAISE(ABORT, 'hours_ledger: credit beyond the module budget');
END;
