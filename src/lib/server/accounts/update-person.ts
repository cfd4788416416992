import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { PersonInput } from '../../validation/person.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { assertUniqueIdentity, buildSearchText } from './create-account.ts';
import { assertMayActOn } from './may-act-on.ts';
import { buildSortKey } from './sort-key.ts';

/**
 * Edits a person's data, recording what changed (old and new) in the audit log. The actor must be
 * allowed to act on the account (decision 008): nobody edits their own here, nor an account with a
 * role they may not grant.
 */
export function updatePerson(db: Db, input: { id: number; person: PersonInput; actorId: number; now?: Date }): { changed: string[] } {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const before = tx
      .select({
        fullName: users.fullName,
        email: users.email,
        curp: users.curp,
        state: users.state,
        office: users.office,
        gender: users.gender,
      })
      .from(users)
      .where(eq(users.id, input.id))
      .get();
    if (!before) throw new DomainError('people.notFound', {}, 'not-found');
    assertMayActOn(tx, input.actorId, input.id);
    assertUniqueIdentity(tx, input.person, input.id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      if (before[key] !== input.person[key]) changes[key] = { from: before[key], to: input.person[key] };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed };
    tx.update(users)
      .set({ ...input.person, searchText: buildSearchText(input.person), sortKey: buildSortKey(input.person.fullName), updatedAt: now })
      .where(eq(users.id, input.id))
      .run();
    appendAuditEntry(tx, { actorId: input.actorId, action: 'account.updated', subjectUserId: input.id, details: changes, at: now });
    return { changed };
  });
}
