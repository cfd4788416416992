import { and, asc, eq, exists, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Role, userRoles, users } from '../../../../db/schema/index.ts';
import { containsTerm, searchTerms } from '../search/terms.ts';
import type { Db } from '../db.ts';

export interface PeopleQuery {
  query?: string;
  role?: Role;
  state?: string;
  /** `pending`: has not yet set a password from an invitation («pendiente de activar»). */
  account?: 'pending' | 'active';
  page?: number;
  pageSize?: number;
}

export interface PersonRow {
  id: number;
  fullName: string;
  email: string;
  curp: string | null;
  state: string;
  office: string;
  roles: Role[];
  active: boolean;
}

/** One page of people, searched accent-insensitively; indexed columns keep it fast at 5,000+. */
export function listPeople(db: Db, q: PeopleQuery = {}): { rows: PersonRow[]; total: number; page: number; pages: number } {
  const pageSize = q.pageSize ?? 25;
  const terms = searchTerms(q.query);
  const where = and(
    ...terms.map((term) => containsTerm(users.searchText, term)),
    q.role
      ? exists(
          db
            .select({ one: sql`1` })
            .from(userRoles)
            .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, q.role))),
        )
      : undefined,
    q.state ? eq(users.state, q.state) : undefined,
    q.account === 'pending' ? isNull(users.passwordHash) : q.account === 'active' ? isNotNull(users.passwordHash) : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(users).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const rows = db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      curp: users.curp,
      state: users.state,
      office: users.office,
      passwordHash: users.passwordHash,
      roles: sql<string | null>`(${db
        .select({ roles: sql`group_concat(${userRoles.role})` })
        .from(userRoles)
        .where(eq(userRoles.userId, users.id))})`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.sortKey), asc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return {
    rows: rows.map(({ passwordHash, roles, ...r }) => ({
      ...r,
      roles: roles ? (roles.split(',') as Role[]) : [],
      active: passwordHash !== null,
    })),
    total,
    page,
    pages,
  };
}

export interface PersonDetail {
  id: number;
  fullName: string;
  email: string;
  curp: string | null;
  state: string;
  office: string;
  gender: 'mujer' | 'hombre' | 'no_binaria' | 'prefiere_no_decir' | null;
  roles: Role[];
  active: boolean;
  createdAt: Date;
}

export function getPerson(db: Db, id: number): PersonDetail | null {
  const row = db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      curp: users.curp,
      state: users.state,
      office: users.office,
      gender: users.gender,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
  if (!row) return null;
  const { passwordHash, ...rest } = row;
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, id))
    .all()
    .map((r) => r.role);
  return { ...rest, roles, active: passwordHash !== null };
}

export function getPersonByEmail(db: Db, email: string): { id: number; fullName: string } | null {
  return db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.email, email.trim().toLowerCase())).get() ?? null;
}

/** The offices already on record, for the office field's suggestions. */
export function listOffices(db: Db): string[] {
  return db
    .selectDistinct({ office: users.office })
    .from(users)
    .orderBy(asc(users.office))
    .all()
    .map((r) => r.office);
}
