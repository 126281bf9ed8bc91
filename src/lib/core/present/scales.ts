/** What a survey's favorable answers and its mean mean, in the words of its scales. */

interface ScaleWords {
  /** The favorable answers' English labels, lowest first. */
  favorable: string[];
  low: number;
  high: number;
}

/** `agree or strongly agree` for agree5; scales of a mixed survey apart: `agree or strongly agree; yes`. */
export function favorableAnswersText(scales: ScaleWords[]): string {
  return [...new Set(scales.map((s) => s.favorable.map((l) => l.toLowerCase()).join(' or ')))].join('; ');
}

/** `a 1–5 scale`, or each range of a mixed survey: `a 1–5 or 0–1 scale`. */
export function scaleRangeText(scales: ScaleWords[]): string {
  return `a ${[...new Set(scales.map((s) => `${s.low}–${s.high}`))].join(' or ')} scale`;
}
