import { fillMissingSortKeys } from '../accounts/sort-key.ts';
import { installChangeVersions } from '../cache/change-versions.ts';
import type { Db } from '../db.ts';
import { prepareHoursLedger } from '../hours/server-plan.ts';

let ready: Promise<void> | undefined;

/**
 * Data fixes that follow this version's code, once per process before the first request is
 * served: the triggers that keep pages' change counters (cache/change-versions.ts), people's sort
 * keys (migration 0012), the ledger's budgets and its one-time backfill.
 */
export function prepareDatabase(db: Db): Promise<void> {
  ready ??= (async () => {
    installChangeVersions(db);
    fillMissingSortKeys(db);
    await prepareHoursLedger(db);
  })();
  return ready;
}
