/**
 * Answer scales as data (data contract, "Surveys", **Scales**): a scales file lists each answer
 * of each scale; survey-templates/scales.csv holds the built-in ones and a district's own file
 * adds scales or replaces one of the same name.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { valueKey } from '../contract/normalize';

export interface ScaleLabel {
  en: string;
  es: string;
  /** Other spellings of the same answer. */
  also: string[];
}

export interface ScalePoint extends ScaleLabel {
  value: number;
  favorable: boolean;
}

export interface Scale {
  name: string;
  /** The answers with a value, lowest value first: a point's place here is its place in the per-point counts. */
  points: ScalePoint[];
  /** Labels that mean no answer (blank value), such as `Unfamiliar (N/A)`. */
  noAnswer: ScaleLabel[];
}

export type Scales = Record<string, Scale>;

/** The most answers with a value a scale may have: the per-point counts of the survey tables go this far (a 0–10 scale). */
export const MAX_SCALE_POINTS = 11;

const SCALES_HEADER = ['scale', 'value', 'label_en', 'label_es', 'also', 'favorable'] as const;

const scaleRowSchema = z
  .object({
    scale: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a scale name is letters, digits and _'),
    value: z.union([z.literal(''), z.string().regex(/^-?\d+$/, 'a value is a whole number, or blank for a label that means no answer')]),
    label_en: z.string().min(1, 'is required'),
    label_es: z.string().min(1, 'is required'),
    also: z.string(),
    favorable: z.enum(['yes', 'no', ''], { message: 'favorable is yes or no' })
  })
  .superRefine((row, ctx) => {
    if (row.value !== '' && row.favorable === '') ctx.addIssue({ code: 'custom', path: ['favorable'], message: 'favorable is yes or no' });
    if (row.value === '' && row.favorable === 'yes') ctx.addIssue({ code: 'custom', path: ['favorable'], message: 'a label that means no answer is never favorable' });
  });

/** Parses a scales file; throws `FILE:ROW: column: message` at the first bad row. */
export function parseScales(file: string, text: string): Scales {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const missing = SCALES_HEADER.filter((h) => !parsed.meta.fields?.includes(h));
  if (missing.length) throw new Error(`${file}:1: the header is ${SCALES_HEADER.join(',')} (missing ${missing.join(', ')})`);
  const scales: Scales = {};
  // Each spelling, within its scale, names one answer only.
  const spellings = new Map<string, Map<string, number>>();
  parsed.data.forEach((cells, i) => {
    const at = `${file}:${i + 2}`;
    const result = scaleRowSchema.safeParse(Object.fromEntries(SCALES_HEADER.map((h) => [h, (cells[h] ?? '').trim()])));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${at}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
    }
    const row = result.data;
    const scale = (scales[row.scale] ??= { name: row.scale, points: [], noAnswer: [] });
    const label: ScaleLabel = { en: row.label_en, es: row.label_es, also: row.also.split(';').map((s) => s.trim()).filter(Boolean) };
    const seen = spellings.get(row.scale) ?? new Map<string, number>();
    spellings.set(row.scale, seen);
    const written: [string, string][] = [['label_en', label.en], ['label_es', label.es], ...label.also.map((a): [string, string] => ['also', a])];
    if (row.value !== '') written.push(['value', String(Number(row.value))]);
    for (const [column, spelling] of written) {
      const other = seen.get(valueKey(spelling));
      if (other !== undefined && other !== i) throw new Error(`${at}: ${column}: "${spelling}" is already an answer of ${row.scale} (row ${other + 2})`);
      seen.set(valueKey(spelling), i);
    }
    if (row.value === '') scale.noAnswer.push(label);
    else scale.points.push({ ...label, value: Number(row.value), favorable: row.favorable === 'yes' });
    if (scale.points.length > MAX_SCALE_POINTS) throw new Error(`${at}: value: a scale has at most ${MAX_SCALE_POINTS} answers with a value`);
  });
  for (const scale of Object.values(scales)) {
    if (scale.points.length === 0) throw new Error(`${file}: scale ${scale.name} has no answer with a value`);
    scale.points.sort((a, b) => a.value - b.value);
  }
  return scales;
}

/** The scales in force: a district's own scales beside the built-in ones, replacing any of the same name. */
export function mergeScales(builtIn: Scales, own: Scales): Scales {
  return { ...builtIn, ...own };
}
