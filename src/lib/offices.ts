import { type State, STATES } from './states.ts';
import { foldForSearch } from './text.ts';

/**
 * The oficinas de representación federal del trabajo (STPS) each state's inspectors work from,
 * with the names Aula stores. One per state, as the STPS organises them; the three states of the
 * CALLE project use the names the demo and the first cohorts already hold. An office missing here
 * is entered as «Otra oficina» with its name.
 */
const NAMED: Partial<Record<State, readonly string[]>> = {
  'Ciudad de México': ['Oficina de Representación Federal del Trabajo en la Ciudad de México', 'Oficinas centrales, Ciudad de México'],
  'Estado de México': ['Oficina de Representación Federal del Trabajo en el Estado de México (Toluca)'],
};

export const OFFICES: Readonly<Record<State, readonly string[]>> = Object.fromEntries(
  STATES.map((state) => [state, NAMED[state] ?? [`Oficina de Representación Federal del Trabajo en ${state}`]]),
) as Record<State, readonly string[]>;

/** The value the office list posts for «Otra oficina»; its name comes in `officeOther`. */
export const OTHER_OFFICE = 'otra';

const BY_FOLDED = new Map<string, { state: State; office: string }>(
  STATES.flatMap((state) => OFFICES[state].map((office) => [fold(office), { state, office }] as const)),
);

function fold(value: string): string {
  return foldForSearch(value).replace(/\s+/g, ' ').trim();
}

/** The listed office a name stands for (accents, case and spacing aside), with its state; null if unlisted. */
export function findOffice(name: string): { state: State; office: string } | null {
  return BY_FOLDED.get(fold(name)) ?? null;
}

export type OfficeProblem =
  | { code: 'form.office.choose'; params: Record<string, never> }
  | { code: 'form.office.otherRequired'; params: Record<string, never> }
  | { code: 'form.office.unlisted'; params: { state: string } }
  | { code: 'form.office.wrongState'; params: { office: string; officeState: string; state: string } };

/**
 * Checks the office chosen for a person of `state`. From the form, `office` is a listed office or
 * OTHER_OFFICE with the name in `other`. A CSV has no «otra» column, so with `unlistedIsOther` an
 * unlisted name counts as another office. Either way a listed office of a different state is
 * refused, and a listed one is stored with its listed spelling.
 */
export function checkOffice(
  state: State,
  office: string,
  other: string,
  options: { unlistedIsOther?: boolean } = {},
): { ok: true; office: string } | { ok: false; problem: OfficeProblem; field: 'office' | 'officeOther' } {
  const chosenOther = office === OTHER_OFFICE;
  const name = chosenOther ? other : office;
  if (!name.trim()) {
    return chosenOther
      ? { ok: false, problem: { code: 'form.office.otherRequired', params: {} }, field: 'officeOther' }
      : { ok: false, problem: { code: 'form.office.choose', params: {} }, field: 'office' };
  }
  const listed = findOffice(name);
  if (listed && listed.state !== state) {
    return {
      ok: false,
      problem: { code: 'form.office.wrongState', params: { office: listed.office, officeState: listed.state, state } },
      field: chosenOther ? 'officeOther' : 'office',
    };
  }
  if (listed) return { ok: true, office: listed.office };
  if (chosenOther || options.unlistedIsOther) return { ok: true, office: name };
  return { ok: false, problem: { code: 'form.office.unlisted', params: { state } }, field: 'office' };
}
