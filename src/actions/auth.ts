import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { acceptInvitation } from '../lib/server/accounts/invitations.ts';
import { requireSignedIn } from '../lib/server/auth/authorize.ts';
import { changePassword } from '../lib/server/auth/change-password.ts';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/auth/cookie.ts';
import { hashPassword } from '../lib/server/auth/password.ts';
import { requestPasswordReset, resetPassword } from '../lib/server/auth/password-reset.ts';
import { invalidateSession } from '../lib/server/auth/session.ts';
import { signIn } from '../lib/server/auth/sign-in.ts';
import { getDb } from '../lib/server/db.ts';
import { emailSchema, newPasswordSchema } from '../lib/validation/person.ts';
import { baseUrlOf, clientAddressOf, withDomainErrors } from './errors.ts';

/**
 * One object schema, not `z.object().and()`: Astro only maps form fields onto a plain object schema
 * (a refined one is fine); an intersection receives the raw FormData and every field fails.
 */
const invitationInput = z
  .object({ token: z.string().min(1), password: newPasswordSchema, confirmation: z.string() })
  .refine((v) => v.password === v.confirmation, { message: t('form.password.mismatch'), path: ['confirmation'] });

export const auth = {
  signIn: defineAction({
    accept: 'form',
    input: z.object({
      email: z.string().trim().min(1, t('form.required')),
      password: z.string().min(1, t('form.required')),
    }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const { token, session } = await signIn(getDb(), { ...input, address: clientAddressOf(context) });
        setSessionCookie(context.cookies, token, session.expiresAt);
        return { signedIn: true };
      }),
  }),

  signOut: defineAction({
    accept: 'form',
    handler: (_input, context) => {
      if (context.locals.session) invalidateSession(getDb(), context.locals.session.id);
      deleteSessionCookie(context.cookies);
      return { signedOut: true };
    },
  }),

  changePassword: defineAction({
    accept: 'form',
    input: z
      .object({ currentPassword: z.string().min(1, t('form.required')), password: newPasswordSchema, confirmation: z.string() })
      .refine((v) => v.password === v.confirmation, { message: t('form.password.mismatch'), path: ['confirmation'] }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const user = requireSignedIn(context.locals.user);
        const { token, session } = await changePassword(getDb(), {
          userId: user.id,
          currentPassword: input.currentPassword,
          newPassword: input.password,
        });
        setSessionCookie(context.cookies, token, session.expiresAt);
        return { changed: true };
      }),
  }),

  /** "¿Olvidó su contraseña?": the same answer whether or not the email has an account. */
  requestPasswordReset: defineAction({
    accept: 'form',
    input: z.object({ email: emailSchema }),
    handler: (input, context) =>
      withDomainErrors(() => {
        requestPasswordReset(getDb(), { email: input.email, address: clientAddressOf(context), baseUrl: baseUrlOf(context) });
        return { requested: true };
      }),
  }),

  /** Sets a new password through a reset link; every session ends, this browser's too. */
  resetPassword: defineAction({
    accept: 'form',
    input: invitationInput,
    handler: (input, context) =>
      withDomainErrors(async () => {
        const passwordHash = await hashPassword(input.password);
        resetPassword(getDb(), { token: input.token, passwordHash });
        deleteSessionCookie(context.cookies);
        return { reset: true };
      }),
  }),

  acceptInvitation: defineAction({
    accept: 'form',
    input: invitationInput,
    handler: (input, context) =>
      withDomainErrors(async () => {
        const passwordHash = await hashPassword(input.password);
        const { sessionToken, session } = acceptInvitation(getDb(), { token: input.token, passwordHash });
        setSessionCookie(context.cookies, sessionToken, session.expiresAt);
        return { accepted: true };
      }),
  }),
};
