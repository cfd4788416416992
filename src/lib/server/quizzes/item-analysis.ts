/**
 * Item statistics as Moodle's quiz statistics report computes them, on graded attempts:
 * - facility index: the mean share of the item's points earned (0–100 %);
 * - discrimination index: the correlation (×100) between the item's score and the score on the
 *   rest of the attempt, so a question good learners miss and weak ones get right shows negative;
 * - how often each option was chosen;
 * - flags for items that look broken (negative or near-zero discrimination, too easy, too hard).
 */

export interface AttemptItems {
  /** questionId → share of the item's points earned (0..1) */
  fractions: Map<string, number>;
  /** questionId → the options chosen (author ids), for choice questions */
  choices?: Map<string, string[]>;
}

export type ItemFlag = 'negative-discrimination' | 'low-discrimination' | 'too-easy' | 'too-hard' | 'few-attempts';

export interface ItemStatistics {
  questionId: string;
  attempts: number;
  facility: number;
  /** null when it cannot be computed (fewer than 3 attempts, or no variance). */
  discrimination: number | null;
  optionCounts: Record<string, number>;
  flags: ItemFlag[];
}

const MIN_ATTEMPTS = 5;

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export function itemStatistics(attempts: AttemptItems[]): ItemStatistics[] {
  const questionIds = [...new Set(attempts.flatMap((a) => [...a.fractions.keys()]))].sort();
  return questionIds.map((questionId) => {
    const withItem = attempts.filter((a) => a.fractions.has(questionId));
    const item = withItem.map((a) => a.fractions.get(questionId) as number);
    const rest = withItem.map((a) => [...a.fractions.entries()].filter(([q]) => q !== questionId).reduce((sum, [, f]) => sum + f, 0));
    const facility = item.length ? (item.reduce((a, b) => a + b, 0) / item.length) * 100 : 0;
    const r = pearson(item, rest);
    const discrimination = r === null ? null : Math.round(r * 1000) / 10;
    const optionCounts: Record<string, number> = {};
    for (const a of withItem) for (const c of a.choices?.get(questionId) ?? []) optionCounts[c] = (optionCounts[c] ?? 0) + 1;
    const flags: ItemFlag[] = [];
    if (withItem.length < MIN_ATTEMPTS) flags.push('few-attempts');
    if (discrimination !== null && discrimination < 0) flags.push('negative-discrimination');
    else if (discrimination !== null && discrimination < 20) flags.push('low-discrimination');
    if (facility > 95) flags.push('too-easy');
    if (facility < 20) flags.push('too-hard');
    return { questionId, attempts: withItem.length, facility: Math.round(facility * 10) / 10, discrimination, optionCounts, flags };
  });
}
