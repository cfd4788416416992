import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { ROLES } from '../../db/schema/index.ts';
import { resendInvitation } from '../lib/server/accounts/invitations.ts';
import { registerPerson } from '../lib/server/accounts/register-person.ts';
import { setRoles } from '../lib/server/accounts/set-roles.ts';
import { updatePerson } from '../lib/server/accounts/update-person.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { fromForm } from '../lib/validation/form-data.ts';
import { personFields, reasonSchema, withOffice } from '../lib/validation/person.ts';
import { t } from '../i18n/index.ts';
import { baseUrlOf, withDomainErrors } from './errors.ts';

const rolesSchema = z.array(z.enum(ROLES)).min(1, t('people.roleNeeded'));

export const people = {
  register: defineAction({
    accept: 'form',
    input: fromForm(personFields.extend({ roles: rolesSchema }).transform(withOffice)),
    handler: ({ roles, ...person }, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const invitation = await registerPerson(getDb(), { person, roles, actor, baseUrl: baseUrlOf(context) });
        return {
          userId: invitation.userId,
          fullName: invitation.fullName,
          email: invitation.email,
          link: invitation.link,
          expiresAt: invitation.expiresAt.toISOString(),
        };
      }),
  }),

  update: defineAction({
    accept: 'form',
    input: fromForm(personFields.extend({ id: z.coerce.number().int().positive() }).transform(withOffice)),
    handler: ({ id, ...person }, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        return updatePerson(getDb(), { id, person, actorId: actor.id });
      }),
  }),

  setRoles: defineAction({
    accept: 'form',
    input: fromForm(z.object({ id: z.coerce.number().int().positive(), roles: rolesSchema, reason: reasonSchema })),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        return setRoles(getDb(), { userId: input.id, roles: input.roles, actor, reason: input.reason });
      }),
  }),

  resendInvitation: defineAction({
    accept: 'form',
    input: z.object({ id: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const invitation = await resendInvitation(getDb(), { userId: input.id, actorId: actor.id, baseUrl: baseUrlOf(context) });
        return {
          fullName: invitation.fullName,
          email: invitation.email,
          link: invitation.link,
          expiresAt: invitation.expiresAt.toISOString(),
        };
      }),
  }),
};
