/**
 * A template built from the survey file itself (issue 14, item 2): the answers found in each
 * column, a suggested scale where the labels match one, a new scale named from the answers
 * found, and the template and scales CSVs the team downloads for the command line and next
 * year. Free text never leaves its column: a column with many distinct answers shows none.
 */
import Papa from 'papaparse';
import { MISSING_ANSWERS, SURVEY_COLUMNS } from '../contract/survey';
import { headerKey, valueKey } from '../contract/normalize';
import { sqlIdent, type Engine } from '../engine/engine';
import { stageFile } from '../import/stage';
import type { SourceFile } from '../import/source';
import { headRecords } from './head';
import { detectSurveyLayout, headerColumns } from './layout';
import type { Scale, Scales } from './scales';

/** A column with more distinct answers than this is free text (or names, e-mails): none is shown. */
export const MAX_CHOICES = 12;

export interface SurveyColumn {
  index: number;
  /** The column's question, as the export names it. */
  header: string;
  /** The distinct answers, most frequent first, with how many gave each; empty for free text. */
  answers: { text: string; n: number }[];
  distinct: number;
  /** What the column is, where its header says: the school, wave, language or respondent column. */
  role?: 'school' | 'wave' | 'language' | 'respondent';
  /** A scale that reads every answer found, where one does. */
  suggestedScale?: string;
}

const spellings = (s: Scale) => [
  ...s.points.flatMap((p) => [String(p.value), p.en, p.es, ...p.also]),
  ...s.noAnswer.flatMap((l) => [l.en, l.es, ...l.also]),
  ...MISSING_ANSWERS
];

/**
 * The scale every answer of a column is on (by value, label, Spanish label or other spelling),
 * preferring the one whose labels the answers use most, then the one with fewer points.
 */
export function suggestScale(answers: string[], scales: Scales): string | undefined {
  const given = answers.map(valueKey).filter(Boolean);
  if (!given.length) return undefined;
  let best: { name: string; labelled: number; points: number } | undefined;
  for (const scale of Object.values(scales)) {
    const keys = new Set(spellings(scale).map(valueKey));
    if (!given.every((a) => keys.has(a))) continue;
    const labels = new Set(spellings(scale).filter((t) => !/^-?\d+$/.test(t)).map(valueKey));
    const labelled = given.filter((a) => labels.has(a)).length;
    const candidate = { name: scale.name, labelled, points: scale.points.length };
    if (!best || candidate.labelled > best.labelled || (candidate.labelled === best.labelled && candidate.points < best.points)) best = candidate;
  }
  return best?.name;
}

/** Each column of a response file with the answers found in it; nothing is written. */
export async function surveyColumns(engine: Engine, source: SourceFile, scales: Scales): Promise<SurveyColumn[]> {
  const head = await headRecords(source);
  const layout = detectSurveyLayout(head);
  const stage = 'stage_survey_builder';
  const staged = await stageFile(engine, source, stage, { headerRows: layout.headerRows, headerRow: layout.headerRow });
  if ('message' in staged) throw new Error(`${staged.file}:${staged.row}: ${staged.message}`);
  try {
    const header = headerColumns(head.length ? head : [staged.headers], layout);
    const indices = [...staged.columns].sort((a, b) => a - b);
    if (!indices.length) return [];
    // One pass over the file: every column's distinct answers and their counts.
    const counted = await engine.query<{ col: string; text: string; n: number; kinds: number }>(`
      SELECT col, text, n, kinds FROM (
        SELECT col, text, n, count(*) OVER (PARTITION BY col) AS kinds, row_number() OVER (PARTITION BY col ORDER BY n DESC, text) AS place
        FROM (SELECT col, trim(answer) AS text, count(*)::INTEGER AS n
              FROM (UNPIVOT (SELECT ${indices.map((i) => `c${i} AS ${sqlIdent(`k${i}`)}`).join(', ')} FROM ${stage}) ON COLUMNS(*) INTO NAME col VALUE answer)
              WHERE nullif(trim(answer), '') IS NOT NULL GROUP BY ALL))
      WHERE place <= ${MAX_CHOICES + 1}`);
    const byColumn = new Map<number, { text: string; n: number }[]>();
    const distinctOf = new Map<number, number>();
    for (const r of counted) {
      const index = Number(r.col.slice(1));
      (byColumn.get(index) ?? byColumn.set(index, []).get(index)!).push({ text: r.text, n: r.n });
      distinctOf.set(index, Number(r.kinds));
    }
    const roles = Object.entries(SURVEY_COLUMNS) as [NonNullable<SurveyColumn['role']>, readonly string[]][];
    return indices.map((index) => {
      const texts = header.find((h) => h.index === index)?.texts ?? [staged.headers[index] ?? ''];
      const name = header.find((h) => h.index === index)?.name || staged.headers[index] || `column ${index + 1}`;
      const distinct = distinctOf.get(index) ?? 0;
      const answers = distinct <= MAX_CHOICES ? (byColumn.get(index) ?? []) : [];
      const role = roles.find(([, synonyms]) => texts.some((t) => synonyms.map(headerKey).includes(headerKey(t))))?.[0];
      const suggestedScale = role || !answers.length ? undefined : suggestScale(answers.map((a) => a.text), scales);
      return { index, header: name, answers, distinct, ...(role ? { role } : {}), ...(suggestedScale ? { suggestedScale } : {}) };
    });
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
  }
}

export interface BuiltItem {
  id: string;
  construct: string;
  text_en: string;
  text_es: string;
  scale: string;
}

/** An item id from a construct: `awareness` → `awareness_1`, `awareness_2`, … in the order given. */
export function itemIds(constructs: string[]): string[] {
  const seen = new Map<string, number>();
  return constructs.map((c) => {
    const base = valueKey(c) || 'item';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base}_${n}`;
  });
}

/** The template CSV (survey-templates/README.md): the command line reads it with --template. */
export function templateCsv(items: BuiltItem[]): string {
  return Papa.unparse({ fields: ['id', 'construct', 'text_en', 'text_es', 'scale'], data: items.map((i) => [i.id, i.construct, i.text_en, i.text_es || i.text_en, i.scale]) }, { newline: '\n' }) + '\n';
}

/** A new scale named from the answers found: each answer a point (value from 1, in the order given) or no answer. */
export function scaleFromAnswers(
  name: string,
  answers: { text: string; text_es?: string; also?: string[]; noAnswer?: boolean; favorable?: boolean }[]
): Scale {
  let value = 0;
  const points: Scale['points'] = [];
  const noAnswer: Scale['noAnswer'] = [];
  for (const a of answers) {
    const label = { en: a.text.trim(), es: (a.text_es || a.text).trim(), also: (a.also ?? []).map((t) => t.trim()).filter(Boolean) };
    if (a.noAnswer) noAnswer.push(label);
    else points.push({ ...label, value: ++value, favorable: !!a.favorable });
  }
  return { name, points, noAnswer };
}

/** The scales CSV (`scale,value,label_en,label_es,also,favorable`) the command line reads with --scales. */
export function scalesCsv(scales: Scale[]): string {
  const rows = scales.flatMap((s) => [
    ...s.points.map((p) => [s.name, String(p.value), p.en, p.es, p.also.join(';'), p.favorable ? 'yes' : 'no']),
    ...s.noAnswer.map((l) => [s.name, '', l.en, l.es, l.also.join(';'), 'no'])
  ]);
  return Papa.unparse({ fields: ['scale', 'value', 'label_en', 'label_es', 'also', 'favorable'], data: rows }, { newline: '\n' }) + '\n';
}
