import { MISSING_ANSWERS, SCALES } from '../contract/survey';
import { sqlValueKey, valueKey } from '../contract/normalize';
import { sqlString } from '../engine/engine';

/**
 * An answer's value on its scale, as SQL over the raw text: the number itself, or its label in
 * English or Spanish. Missing answers give NULL; so does anything else, which the import reports.
 */
export function answerValueExpr(scaleName: string, raw: string): string {
  const scale = SCALES[scaleName];
  const whens = scale.points.flatMap((p) =>
    [String(p.value), p.en, p.es].map((label) => `WHEN ${sqlString(valueKey(label))} THEN ${p.value}`)
  );
  return `(CASE ${sqlValueKey(raw)} ${[...new Set(whens)].join(' ')} END)`;
}

/** True where the raw text is one of the contract's "no answer" words (blank is handled apart). */
export function missingAnswerExpr(raw: string): string {
  return `(${sqlValueKey(raw)} IN (${MISSING_ANSWERS.map((m) => sqlString(valueKey(m))).join(', ')}))`;
}

/** True where an answer is a label of the Spanish scale, to tell the language of a response. */
export function spanishLabelExpr(scaleName: string, raw: string): string {
  const labels = [...SCALES[scaleName].points.map((p) => p.es), 'No sé'];
  return `(${sqlValueKey(raw)} IN (${labels.map((l) => sqlString(valueKey(l))).join(', ')}))`;
}
