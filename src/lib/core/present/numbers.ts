/**
 * How figures read for people: in the app, on the report's pages and in the command line's
 * messages. Machine values (CSV, XLSX cells) go through ../export/format.ts instead, which never
 * adds separators. A fixed locale gives the same text in Node and in every browser.
 */

/** What an undefined figure shows: coverage where need is 0, a mean nobody answered. */
export const NONE = '—';

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_PLACE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const FTE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const TWO_PLACES = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Figure = number | null | undefined;

const finite = (n: Figure): n is number => typeof n === 'number' && Number.isFinite(n);
/** A figure that rounds to zero from below would read "-0". */
const noNegativeZero = (text: string) => (/^-0(\.0+)?%?$/.test(text) ? text.slice(1) : text);
const shown = (format: Intl.NumberFormat) => (n: Figure) => (finite(n) ? noNegativeZero(format.format(n)) : NONE);

/** Students (need, capacity, gap) and other counts: 1,480. */
export const count = shown(WHOLE);

/** At most one decimal: 12.5, 12. */
export const decimal = shown(ONE_PLACE);

/** FTE as a figure on its own or in a sentence: 1.0, 0.25. */
export const fte = shown(FTE);

/** FTE in a printed table: always two decimals, so the points line up down the column. */
export const fteAligned = shown(TWO_PLACES);

/** A mean on the survey's 1–5 scale: 4.00. */
export const scaleMean = shown(TWO_PLACES);

/** A share of 0..1 as a percent: shareText(0.85) is "85%"; `places` up to one decimal. */
export function shareText(share: Figure, places: 0 | 1 = 0): string {
  return finite(share) ? percentText(share * 100, places) : NONE;
}

/** A percentage already out of 100 (the survey's % favorable): percentText(85) is "85%". */
export function percentText(percentage: Figure, places: 0 | 1 = 0): string {
  return finite(percentage) ? noNegativeZero(`${(places ? ONE_PLACE : WHOLE).format(percentage)}%`) : NONE;
}

/** Students per FTE as a staffing ratio: 1:250; with no one in the role there is no ratio. */
export function ratio(studentsPerFte: Figure): string {
  return finite(studentsPerFte) ? `1:${count(studentsPerFte)}` : 'no one';
}

/** Dollars, whole: $65,000, −$12,000. */
export function money(n: Figure): string {
  if (!finite(n)) return NONE;
  const text = `$${WHOLE.format(Math.abs(n))}`;
  return n < 0 && text !== '$0' ? `−${text}` : text;
}

/** A difference with its sign: +12, −3, and 0 where it rounds to nothing in `format`. */
export function signed(n: number, format: (n: number) => string = count): string {
  const text = format(Math.abs(n));
  if (text === format(0)) return text;
  return n < 0 ? `−${text}` : `+${text}`;
}

/** A change in % favorable, in percentage points: +3.5 pts. */
export function changeInPoints(change: number | null): string {
  return change === null ? NONE : `${signed(change, decimal)} pts`;
}
