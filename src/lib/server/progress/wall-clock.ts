/**
 * One wall clock per learner (DESIGN.md; docs/decisions/009-one-wall-clock.md): engaged time is
 * credited to one lesson at a time, whatever the number of tabs or devices. A pure rule, so the
 * live heartbeat and a later batch of beats recorded offline are credited the same way.
 */

/** The page sends a heartbeat this often while the tab is visible and the person active. */
export const HEARTBEAT_INTERVAL_S = 30;
/**
 * A beat credits the real time since the learner's clock, but only when that gap is short:
 * after a longer gap (tab hidden, laptop closed, person idle) it credits nothing and restarts
 * the clock. Sending faster never credits more than the time that passed.
 */
export const HEARTBEAT_MAX_GAP_S = 45;

/**
 * Credits a list of beats against the learner's clock (the instant up to which their time has
 * been credited; null before their first beat). Each beat credits the whole seconds between the
 * clock and itself to its lesson and moves the clock forward by them, so the credits of any
 * number of tabs add up to at most the wall time that passed. Beats are taken in time order; a
 * beat later than `now` counts as `now` (a client clock may run ahead), and a beat at or before
 * the clock credits nothing (a duplicate, another tab's, or time already credited).
 *
 * @example creditBeats(null, [{ lessonId: 'a', at: t0 }, { lessonId: 'b', at: t0 + 30 s }], now)
 *   // → { credits: Map { 'b' => 30 }, clock: t0 + 30 s }
 */
export function creditBeats(clock: Date | null, beats: readonly Beat[], now: Date): Credit {
  const credits = new Map<string, number>();
  let until = clock?.getTime() ?? null;
  const ordered = beats
    .map((beat, order) => ({ lessonId: beat.lessonId, at: Math.min(beat.at.getTime(), now.getTime()), order }))
    .filter((beat) => Number.isFinite(beat.at))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  for (const beat of ordered) {
    if (until !== null && beat.at <= until) continue;
    if (until === null || beat.at - until > HEARTBEAT_MAX_GAP_S * 1000) {
      until = beat.at;
      continue;
    }
    // Whole seconds only; the clock keeps the remainder, so nothing is lost or credited twice.
    const seconds = Math.floor((beat.at - until) / 1000);
    if (seconds === 0) continue;
    credits.set(beat.lessonId, (credits.get(beat.lessonId) ?? 0) + seconds);
    until += seconds * 1000;
  }
  return { credits, clock: until === null ? null : new Date(until) };
}

/** A heartbeat: the lesson that was open, visible and in use at an instant. */
export interface Beat {
  lessonId: string;
  at: Date;
}

export interface Credit {
  /** Seconds credited per lesson id; lessons that earned nothing are absent. */
  credits: Map<string, number>;
  /** The learner's clock after these beats. */
  clock: Date | null;
}
