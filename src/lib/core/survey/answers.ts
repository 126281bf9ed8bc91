import { MISSING_ANSWERS } from '../contract/survey';
import { sqlValueKey, valueKey } from '../contract/normalize';
import { sqlNumber, sqlString } from '../engine/engine';
import { ROWS_TEXT_SQL } from '../import/sql';
import { MAX_SCALE_POINTS, type Scale, type ScaleLabel } from './scales';

const spellings = (label: ScaleLabel) => [label.en, label.es, ...label.also];

/** True where the raw text's key is one of `texts`'. */
function keyIn(raw: string, texts: string[]): string {
  const keys = [...new Set(texts.map(valueKey))];
  return keys.length ? `(${sqlValueKey(raw)} IN (${keys.map(sqlString).join(', ')}))` : 'false';
}

/**
 * An answer's value on its scale, as SQL over the raw text: the number itself, or a label in
 * English or Spanish or an `also` spelling. Missing answers give NULL; so does anything else, which the import reports.
 */
export function answerValueExpr(scale: Scale, raw: string): string {
  const whens = scale.points.flatMap((p) =>
    [String(p.value), ...spellings(p)].map((label) => `WHEN ${sqlString(valueKey(label))} THEN ${sqlNumber(p.value)}`)
  );
  return `(CASE ${sqlValueKey(raw)} ${[...new Set(whens)].join(' ')} END)`;
}

/** True where the raw text is a contract "no answer" word or one of the scale's labels that mean no answer (blank is handled apart). */
export function missingAnswerExpr(scale: Scale, raw: string): string {
  return keyIn(raw, [...MISSING_ANSWERS, ...scale.noAnswer.flatMap(spellings)]);
}

/** A scale's labels in one language, with that language's "no answer" word; a label both languages share tells neither. */
function languageLabels(scale: Scale, language: 'en' | 'es'): string[] {
  const labels = [...scale.points, ...scale.noAnswer];
  const other = new Set(labels.map((l) => valueKey(l[language === 'en' ? 'es' : 'en'])));
  return [...labels.map((l) => l[language]).filter((l) => !other.has(valueKey(l))), language === 'en' ? "Don't know" : 'No sé'];
}

/** True where an answer is a Spanish label of the scale, to tell the language of a response. */
export function spanishLabelExpr(scale: Scale, raw: string): string {
  return keyIn(raw, languageLabels(scale, 'es'));
}

/** True where an answer is an English label of the scale (or "Don't know"). */
export function englishLabelExpr(scale: Scale, raw: string): string {
  return keyIn(raw, languageLabels(scale, 'en'));
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

/** A staged column holding a template item's answers. */
export interface ItemColumn {
  /** The staged column's name (c0, c1…). */
  column: string;
  itemId: string;
  scale: Scale;
  construct: string;
  /** The construct's place in the template, from 1. */
  constructOrder: number;
}

/**
 * Every distinct raw answer of the staged items, read once per scale: a million responses use a
 * few dozen spellings, so the Unicode normalisation and the regular expression run on those, not
 * on every cell. `unreadable` marks text that is neither on the scale nor a "no answer" word.
 */
export function answerKeysSql(stage: string, items: ItemColumn[]): string {
  const scales = [...new Map(items.map((i) => [i.scale.name, i.scale])).values()];
  const perScale = scales.map((scale) => {
    const raws = items
      .filter((i) => i.scale.name === scale.name)
      .map((i) => `SELECT DISTINCT ${i.column} AS raw FROM ${stage}`)
      .join(' UNION ');
    const cell = `nullif(trim(raw), '')`;
    return `SELECT ${sqlString(scale.name)} AS scale, raw, value, spanish, english,
        ${cell} IS NOT NULL AND value IS NULL AND NOT coalesce(${missingAnswerExpr(scale, cell)}, false) AS unreadable
      FROM (SELECT raw, ${answerValueExpr(scale, cell)} AS value, ${spanishLabelExpr(scale, cell)} AS spanish,
        ${englishLabelExpr(scale, cell)} AS english FROM (${raws}))`;
  });
  return `CREATE OR REPLACE TEMP TABLE survey_answer_keys AS ${perScale.join(' UNION ALL ')}`;
}

/** The text on no scale, once per item and spelling, with its row count and first rows, for the import's error list. */
export function unreadableAnswersSql(stage: string, items: ItemColumn[]): string {
  return items
    .map((i) => `SELECT min(s._row) AS row, ${sqlString(i.itemId)} AS item_id, left(arg_min(trim(s.${i.column}), s._row), 80) AS raw, count(*)::INTEGER AS rows, ${ROWS_TEXT_SQL} AS text
      FROM ${stage} s WHERE s.${i.column} IN (SELECT raw FROM survey_answer_keys WHERE scale = ${sqlString(i.scale.name)} AND unreadable)
      GROUP BY lower(trim(s.${i.column}))`)
    .join(' UNION ALL ') + ' ORDER BY row, item_id';
}

/**
 * One row per response with each item's value (a0, a1… in `items` order) and how many answers
 * used a Spanish or an English label, each cell looked up among the answer keys.
 */
export function answerValuesSql(stage: string, items: ItemColumn[]): string {
  const joins = items
    .map((i, n) => `LEFT JOIN survey_answer_keys k${n} ON k${n}.scale = ${sqlString(i.scale.name)} AND k${n}.raw = s.${i.column}`)
    .join('\n    ');
  const labelled = (flag: 'spanish' | 'english') => items.map((_, n) => `coalesce(k${n}.${flag}::INTEGER, 0)`).join(' + ') || '0';
  return `CREATE OR REPLACE TEMP TABLE survey_values AS
    SELECT s._row, ${items.map((_, n) => `k${n}.value AS a${n}`).join(', ')},
      ${labelled('spanish')} AS spanish, ${labelled('english')} AS english
    FROM ${stage} s
    ${joins}`;
}

/** The answers of `from` (one row per response with `respondent` and a0, a1…), one row per non-missing answer. */
export function answerRowsSelect(items: ItemColumn[], from: string): string {
  return items
    .map((i, n) => `SELECT respondent, ${sqlString(i.itemId)} AS item_id, a${n} AS value FROM ${from} WHERE a${n} IS NOT NULL`)
    .join(' UNION ALL ');
}

/**
 * Each respondent's answers to each construct, counted from `from` (one row per response, with
 * the respondent's school, wave and language group and a0, a1…): how many items they answered,
 * how many favourably (on a point its scale marks favorable), the sum of the values and the
 * count at each point, by the point's place in its scale (v1 its lowest value), so that a 0/1
 * scale counts as a 1–5 one does. Scoring adds these up, so counting respondents never needs
 * count(DISTINCT) over every answer.
 */
export function constructAnswersSelect(items: ItemColumn[], from: string): string {
  const constructs = [...new Set(items.map((i) => i.construct))];
  return constructs
    .map((construct) => {
      const own = items.map((item, n) => ({ item, a: `a${n}` })).filter(({ item }) => item.construct === construct);
      const sum = (terms: string[]) => terms.join(' + ') || '0';
      const isOneOf = (a: string, values: number[]) => (values.length ? `coalesce((${a} IN (${values.map(sqlNumber).join(', ')}))::INTEGER, 0)` : []);
      const favorable = own.flatMap(({ item, a }) => isOneOf(a, item.scale.points.filter((p) => p.favorable).map((p) => p.value)));
      const atPoint = Array.from({ length: MAX_SCALE_POINTS }, (_, p) => {
        const terms = own.flatMap(({ item, a }) => (p < item.scale.points.length ? isOneOf(a, [item.scale.points[p].value]) : []));
        return `${sum(terms)} AS v${p + 1}`;
      });
      return `SELECT * FROM (SELECT respondent, school_id, coalesce(wave, '') AS wave, wave_order,
          coalesce(language_group, 'unknown') AS language_group, ${sqlString(construct)} AS construct, ${sqlNumber(own[0].item.constructOrder)} AS construct_order,
          ${sum(own.map(({ a }) => `(${a} IS NOT NULL)::INTEGER`))} AS answered,
          ${sum(favorable)} AS favorable,
          ${sum(own.map(({ a }) => `coalesce(${a}, 0)`))} AS total, ${atPoint.join(', ')}
        FROM ${from}) WHERE answered > 0`;
    })
    .join(' UNION ALL ');
}
