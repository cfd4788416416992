import { and, eq } from 'drizzle-orm';
import type { RiskData } from '../../tools/risk-schema.ts';
import { practiceAttempts } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { requirePracticeSeat } from '../practice/learner-enrollment.ts';
import {
  getRiskData,
  RANKING_SIZE,
  RANKING_SLUG,
  type ReferenceEntry,
  referenceRanking,
  riskDataVersion,
  type SignalPoints,
} from './risk-reference.ts';

export const JUSTIFICATION_MIN = 15;
export const JUSTIFICATION_MAX = 400;

export interface RankingPick {
  employerId: string;
  justification: string;
}

/** The ten rows of the ranking form: `empleador-N` and `justificacion-N`, N = 1..10, as typed. */
export function picksFromForm(form: FormData): RankingPick[] {
  return Array.from({ length: RANKING_SIZE }, (_, i) => ({
    employerId: String(form.get(`empleador-${i + 1}`) ?? '').trim(),
    justification: String(form.get(`justificacion-${i + 1}`) ?? '')
      .trim()
      .slice(0, JUSTIFICATION_MAX + 100),
  }));
}

/**
 * The score, explained in the feedback: each employer of the reference top 10 that the learner
 * picked earns 11 minus its reference position (the reference's first is worth 10, its tenth 1),
 * wherever the learner placed it. Maximum 55 = all ten found.
 */
export function scoreRanking(
  picks: readonly string[],
  reference: readonly ReferenceEntry[],
  data: RiskData = getRiskData(),
): RankingFeedback {
  const top = reference.slice(0, RANKING_SIZE);
  const byId = new Map(reference.map((r) => [r.employer.id, r]));
  const rows = picks.map((id, i) => {
    const ref = byId.get(id);
    const inTop = Boolean(ref && ref.position <= RANKING_SIZE);
    return {
      rank: i + 1,
      id,
      name: ref?.employer.name ?? id,
      referencePosition: ref?.position ?? null,
      earned: inTop && ref ? RANKING_SIZE + 1 - ref.position : 0,
      score: ref?.score ?? 0,
      signals: ref?.signals ?? [],
    };
  });
  const picked = new Set(picks);
  const missed = top.filter((r) => !picked.has(r.employer.id));
  const points = rows.reduce((s, r) => s + r.earned, 0);
  const max = (RANKING_SIZE * (RANKING_SIZE + 1)) / 2;
  const all = new Map(data.employers.map((e) => [e.id, e]));
  return {
    points,
    max,
    percent: Math.round((points / max) * 100),
    picks: rows,
    reference: top.map((r) => ({ position: r.position, id: r.employer.id, name: r.employer.name, score: r.score, signals: r.signals })),
    missed: missed.map((r) => ({ position: r.position, id: r.employer.id, name: r.employer.name, score: r.score, signals: r.signals })),
    // The biases the feedback names, with this ranking's own cases.
    silencedMissed: missed.filter((r) => r.employer.retaliationSignals && r.employer.complaints12m === 0).map((r) => r.employer.name),
    neverInspectedPicked: picks.filter((id) => all.get(id)?.monthsSinceInspection === null).length,
    complaintsPicked: picks.filter((id) => (all.get(id)?.complaints12m ?? 0) > 0).length,
  };
}

function openAttempt(db: Db, userId: number) {
  return db
    .select()
    .from(practiceAttempts)
    .where(
      and(eq(practiceAttempts.userId, userId), eq(practiceAttempts.exerciseSlug, RANKING_SLUG), eq(practiceAttempts.status, 'in_progress')),
    )
    .get();
}

/**
 * What an attempt's state holds: the picks as typed and the data set the attempt began with. The
 * snapshot keeps a ranking in progress scored, and shown, against the employers it was started on
 * when the committed data changes (docs/decisions/020). It is the public table, never the
 * reference; it stays on the server all the same (pages render from it).
 */
interface RankingState {
  picks: RankingPick[];
  data?: RiskData;
}

function readRankingState(json: string): RankingState {
  return JSON.parse(json) as RankingState;
}

/** The learner's ranking in progress (to resume on any device), or null. */
export function getRankingDraft(db: Db, userId: number): RankingPick[] | null {
  const row = openAttempt(db, userId);
  return row ? readRankingState(row.state).picks : null;
}

/** The data set to rank: the one the learner's attempt in progress began with, else `current`. */
export function getRankingData(db: Db, userId: number, current: RiskData = getRiskData()): RiskData {
  const row = openAttempt(db, userId);
  return (row && readRankingState(row.state).data) || current;
}

/**
 * Saves the ranking as typed, valid or not, in the learner's one attempt in progress. The first
 * save starts the attempt and snapshots `current` (the committed data set, by default).
 */
export function saveRankingDraft(
  db: Db,
  userId: number,
  picks: RankingPick[],
  now = new Date(),
  current: RiskData = getRiskData(),
): { attemptId: number; data: RiskData } {
  const { cohortId, enrollmentId } = requirePracticeSeat(db, userId);
  const open = openAttempt(db, userId);
  if (open) {
    const data = readRankingState(open.state).data ?? current;
    db.update(practiceAttempts)
      .set({ state: JSON.stringify({ picks, data } satisfies RankingState), updatedAt: now })
      .where(eq(practiceAttempts.id, open.id))
      .run();
    return { attemptId: open.id, data };
  }
  const row = db
    .insert(practiceAttempts)
    .values({
      userId,
      cohortId,
      enrollmentId,
      kind: 'ranking',
      exerciseSlug: RANKING_SLUG,
      exerciseVersion: riskDataVersion(current),
      state: JSON.stringify({ picks, data: current } satisfies RankingState),
      status: 'in_progress',
      startedAt: now,
      updatedAt: now,
    })
    .returning({ id: practiceAttempts.id })
    .get();
  return { attemptId: row.id, data: current };
}

/** Why a ranking cannot be scored yet, or nothing: ten different employers, each justified. */
export function checkRanking(picks: RankingPick[], data: RiskData = getRiskData()): void {
  const known = new Set(data.employers.map((e) => e.id));
  for (const [i, p] of picks.entries()) {
    if (!p.employerId) throw new DomainError('ranking.missing', { rank: i + 1 }, 'invalid');
    if (!known.has(p.employerId)) throw new DomainError('ranking.unknown', { rank: i + 1 }, 'invalid');
    if (p.justification.length < JUSTIFICATION_MIN)
      throw new DomainError('ranking.justification.short', { rank: i + 1, min: JUSTIFICATION_MIN }, 'invalid');
    if (p.justification.length > JUSTIFICATION_MAX)
      throw new DomainError('ranking.justificationLong', { rank: i + 1, max: JUSTIFICATION_MAX }, 'invalid');
  }
  const ids = picks.map((p) => p.employerId);
  if (new Set(ids).size !== ids.length) throw new DomainError('ranking.duplicate', {}, 'invalid');
}

/**
 * Saves, checks and scores the ranking on the server, against the data set the attempt began with;
 * the attempt keeps the score and feedback.
 */
export function submitRanking(
  db: Db,
  userId: number,
  picks: RankingPick[],
  now = new Date(),
  current: RiskData = getRiskData(),
): { attemptId: number; percent: number } {
  const { attemptId, data } = saveRankingDraft(db, userId, picks, now, current);
  if (picks.length !== RANKING_SIZE) throw new DomainError('ranking.missing', { rank: picks.length + 1 }, 'invalid');
  checkRanking(picks, data);
  const feedback = scoreRanking(
    picks.map((p) => p.employerId),
    referenceRanking(data),
    data,
  );
  db.update(practiceAttempts)
    .set({
      status: 'submitted',
      score: feedback.points,
      maxScore: feedback.max,
      feedback: JSON.stringify(feedback),
      submittedAt: now,
      updatedAt: now,
    })
    .where(eq(practiceAttempts.id, attemptId))
    .run();
  return { attemptId, percent: feedback.percent };
}

export interface RankedRow {
  position: number;
  id: string;
  name: string;
  score: number;
  signals: SignalPoints[];
}

export interface RankingFeedback {
  points: number;
  max: number;
  percent: number;
  picks: {
    rank: number;
    id: string;
    name: string;
    referencePosition: number | null;
    earned: number;
    score: number;
    signals: SignalPoints[];
  }[];
  reference: RankedRow[];
  missed: RankedRow[];
  silencedMissed: string[];
  neverInspectedPicked: number;
  complaintsPicked: number;
}
