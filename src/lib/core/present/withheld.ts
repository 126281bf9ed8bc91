/**
 * What a withheld survey result says instead of its figures: never n, never a share, so no
 * family's answers can be singled out.
 */
import type { WithheldReason } from '../survey/results';

/** In a table cell, for the threshold in use: `n<10`. */
export function withheld(threshold: number): string {
  return `n<${threshold}`;
}

/** In words, with the reason: too few respondents, or withheld so another result cannot be worked out. */
export function withheldText(cell: { withheld: WithheldReason }, threshold: number): string {
  return cell.withheld === 'few' ? `Withheld: fewer than ${threshold} respondents` : 'Withheld, so another result cannot be worked out';
}
