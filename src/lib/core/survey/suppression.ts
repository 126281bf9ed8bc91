/**
 * Which survey cells to withhold, so that no family's answers can be singled out.
 *
 * Primary suppression (data contract, "Surveys"): a cell with fewer respondents than the
 * threshold (10 by default, never below 5) is withheld.
 *
 * Complementary suppression: where a total is published beside its parts (the district beside
 * its schools, the district beside its language groups), a withheld part could be worked out by
 * subtraction: total minus the parts shown. So the total is shown only where every part is:
 *   1. if the total itself has fewer respondents than the threshold, it is withheld;
 *   2. if any part is withheld, the total is withheld too ("complementary").
 * Parts are never withheld to protect one another. Withholding a second, larger part instead
 * (the usual textbook cell) was tried and leaked: that part is shown on the school page, in the
 * reports and in survey_summary.csv, which follow the contract's rule alone, and two small parts
 * beside one shown total gave away their sum. With only the threshold deciding a part, every
 * view shows the same parts. The Survey page's totals and language groups go further and count
 * only the families of schools shown (results.ts), so the district figure stays on the page.
 * Parts with no respondents are not parts: nothing of theirs is shown or hidden.
 */
import { MIN_SUPPRESSION_THRESHOLD } from '../contract/settings';

export type WithheldReason = 'few' | 'complementary';

export interface Part {
  key: string;
  n: number;
}

export interface Suppression {
  /** Withheld parts and why; a part not here is shown. */
  parts: Map<string, WithheldReason>;
  /** The total is withheld (or there was none to show). */
  totalWithheld: boolean;
}

/** The threshold in force: the setting, never below the floor of 5. */
export function effectiveThreshold(threshold: number): number {
  return Math.max(MIN_SUPPRESSION_THRESHOLD, Math.floor(threshold));
}

/**
 * The primary suppression decision, once for each language the figures are made in: a figure
 * for `n` respondents is withheld where n is under the threshold in force. The SQL macro reads the
 * threshold from settings_survey, which holds the threshold in force (model/settings.ts).
 */
export function withheldFor(n: number, threshold: number): boolean {
  return n < effectiveThreshold(threshold);
}
export const SURVEY_WITHHELD_SQL = 'CREATE OR REPLACE MACRO survey_withheld(n) AS n < (SELECT min_n FROM settings_survey);';

/**
 * Applies the rules above to one group. `total` is the group's published total (its n), or
 * null where the group is shown without one.
 */
export function suppressGroup(parts: Part[], total: { n: number } | null, threshold: number): Suppression {
  const withheld = new Map<string, WithheldReason>();
  for (const p of parts) if (p.n > 0 && withheldFor(p.n, threshold)) withheld.set(p.key, 'few');
  return { parts: withheld, totalWithheld: total === null || withheldFor(total.n, threshold) || withheld.size > 0 };
}
