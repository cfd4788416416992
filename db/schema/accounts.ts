import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A person with access to Aula. `fullName` is printed on certificates exactly as stored. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    /** Stored lower-cased and trimmed: emails are unique case-insensitively. */
    email: text('email').notNull(),
    curp: text('curp'),
    state: text('state').notNull(),
    office: text('office').notNull(),
    gender: text('gender', { enum: ['mujer', 'hombre', 'no_binaria', 'prefiere_no_decir'] }),
    /** Null until the person accepts their invitation and sets a password. */
    passwordHash: text('password_hash'),
    /** Lower-case, accent-free name, email and CURP, for fast accent-insensitive search. */
    searchText: text('search_text').notNull(),
    /**
     * The name as Spanish orders it, for lists paged in SQL: accent- and case-free, but Ñ after N
     * (accounts/sort-key.ts). Empty only for rows written before it existed, until startup fills it.
     */
    sortKey: text('sort_key').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    uniqueIndex('users_curp_unique').on(t.curp).where(sql`${t.curp} is not null`),
    index('users_full_name_idx').on(t.fullName),
    // People lists are paged in Spanish order by sort_key.
    index('users_sort_key_idx').on(t.sortKey, t.id),
    index('users_state_office_idx').on(t.state, t.office),
  ],
);

export const ROLES = ['inspector', 'instructor', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role_idx').on(t.role)],
);

/** Sessions the Lucia-guide way: `id` is the SHA-256 (hex) of the token in the cookie. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time links to set a password. `id` is the SHA-256 (hex) of the token in the link. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins per key (`account:<email>` or `address:<ip>`), for throttling.
 * Keyed by the typed email, whether or not it exists, so throttling reveals nothing.
 */
export const signInThrottles = sqliteTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
});

/** Every message Aula sends; with no SMTP configured, admins read them here. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    error: text('error'),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt)],
);
