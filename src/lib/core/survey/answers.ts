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

/** True where an answer is a label of the English scale (or "Don't know"). */
export function englishLabelExpr(scaleName: string, raw: string): string {
  const labels = [...SCALES[scaleName].points.map((p) => p.en), "Don't know"];
  return `(${sqlValueKey(raw)} IN (${labels.map((l) => sqlString(valueKey(l))).join(', ')}))`;
}

/**
 * Language groups of respondents. A language column may say `English`, `en`, `EN`, `en-US`,
 * `Español`, `Spanish`, `es`, `ES-ES` (Qualtrics) or `Inglés`: the first word of its key decides.
 */
const LANGUAGE_GROUPS = [
  { group: 'en', pattern: '^(en|eng|english|ingles|inglés)(_|$)' },
  { group: 'es', pattern: '^(es|spa|spanish|espanol|español|castellano)(_|$)' }
] as const;

export type LanguageGroup = 'en' | 'es' | 'other';

/** A language cell's group; undefined where blank. */
export function languageGroup(value: string | null | undefined): LanguageGroup | undefined {
  const key = valueKey(value ?? '');
  if (!key) return undefined;
  return LANGUAGE_GROUPS.find((g) => new RegExp(g.pattern, 'u').test(key))?.group ?? 'other';
}

/** The SQL twin of `languageGroup`, over raw text: 'en', 'es', 'other' or NULL. */
export function languageGroupExpr(raw: string): string {
  const key = sqlValueKey(raw);
  const whens = LANGUAGE_GROUPS.map((g) => `WHEN regexp_matches(${key}, ${sqlString(g.pattern)}) THEN '${g.group}'`).join(' ');
  return `(CASE WHEN nullif(trim(${raw}), '') IS NULL THEN NULL ${whens} ELSE 'other' END)`;
}
