import type { Role } from '../../../../db/schema/index.ts';
import type { PersonInput } from '../../validation/person.ts';
import type { Db } from '../db.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { createAccount } from './create-account.ts';
import { type IssuedInvitation, issueInvitation } from './invitations.ts';
import { assertMayGrantRoles } from './roles.ts';

/**
 * A coordinator or admin registers a person: the account, its roles and a one-time link to
 * set a password, in one transaction. The link is emailed when SMTP is configured.
 */
export async function registerPerson(
  db: Db,
  input: { person: PersonInput; roles: Role[]; actor: { id: number; roles: Role[] }; baseUrl: string },
): Promise<IssuedInvitation> {
  assertMayGrantRoles(input.actor.roles, input.roles);
  const invitation = db.transaction((tx) => {
    const { id } = createAccount(tx, { person: input.person, roles: input.roles, actorId: input.actor.id });
    return issueInvitation(tx, { userId: id, actorId: input.actor.id, baseUrl: input.baseUrl });
  });
  await deliverMessages(db, [invitation.messageId]);
  return invitation;
}
