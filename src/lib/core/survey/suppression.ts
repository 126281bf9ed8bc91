/**
 * Which survey cells to withhold, so that no family's answers can be singled out.
 *
 * Primary suppression (data contract, "Surveys"): a cell with fewer respondents than the
 * threshold (10 by default, never below 5) is withheld.
 *
 * Complementary suppression: where a total is published beside its parts (the district beside
 * its schools, the district beside its language groups), one withheld part could be worked out
 * by subtraction: total minus the parts shown. So, within one group of parts that add up to a
 * shown total:
 *   1. if the total itself has fewer respondents than the threshold, the total is withheld;
 *   2. if exactly one part is withheld, the part with the fewest respondents among those shown
 *      is withheld too (ties: the one listed first), so at least two are withheld and only their
 *      sum can be worked out;
 *   3. if there is no other part to withhold, the total is withheld instead.
 * Parts with no respondents are not parts: nothing of theirs is shown or hidden.
 * Each group is treated on its own; a group with no published total needs no complementary cell.
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
 * Applies the rules above to one group. `total` is the group's published total (its n), or
 * null where the group is shown without one.
 */
export function suppressGroup(parts: Part[], total: { n: number } | null, threshold: number): Suppression {
  const min = effectiveThreshold(threshold);
  const withheld = new Map<string, WithheldReason>();
  for (const p of parts) if (p.n > 0 && p.n < min) withheld.set(p.key, 'few');
  if (total === null) return { parts: withheld, totalWithheld: true };
  if (total.n < min) return { parts: withheld, totalWithheld: true };
  if (withheld.size === 1) {
    const partner = parts
      .map((p, order) => ({ ...p, order }))
      .filter((p) => p.n > 0 && !withheld.has(p.key))
      .sort((a, b) => a.n - b.n || a.order - b.order)[0];
    if (!partner) return { parts: withheld, totalWithheld: true };
    withheld.set(partner.key, 'complementary');
  }
  return { parts: withheld, totalWithheld: false };
}
