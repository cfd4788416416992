import { slotMark } from './page-shell.ts';

/** The values of one person a page shell leaves open (page-shell.ts). */
export type PersonalSlot = 'signedInAs' | 'userId' | 'engagedText' | 'remainingSeconds' | 'remainingText' | 'completedText';

/**
 * What a component writes for one of the person's values: the value itself, or, while the page is
 * rendered as a shell for everyone (`locals.renderingShell`), the mark where each request's value
 * will go. Every personal value on a page served from a shell must pass through here; the lesson
 * shell's test compares the filled shell with a full render for the same person.
 */
export function personal(locals: App.Locals, slot: PersonalSlot, value: string | number): string {
  return locals.renderingShell ? slotMark(slot) : String(value);
}
