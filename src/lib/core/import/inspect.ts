/**
 * A first look at a file before it is loaded: its headers, a few rows, what kind of file it
 * seems to be and how each column will be read. Papaparse reads only the first part of the file;
 * the import itself goes through DuckDB.
 */
import Papa from 'papaparse';
import { FILES, type FileKind } from '../contract/files';
import { detectKind, resolveHeaders } from '../contract/headers';
import type { SurveyTemplate } from '../survey/template';
import { inspectSurveyRecords, resolveSurveyHeaders } from '../survey/import';
import { chooseDelimiter, headText, isXlsx, sourceBytes, sourceHead, type SourceFile } from './source';

export type InputKind = FileKind | 'survey';

export interface ColumnReading {
  header: string;
  /** The contract column (or survey item/role) this header supplies; undefined: kept as extra. */
  column?: string;
}

export interface Inspection {
  headers: string[];
  rows: string[][];
  kind?: InputKind;
  columns: ColumnReading[];
  /** Required columns of the detected kind that no header supplies. */
  missing: string[];
}

const PREVIEW_BYTES = 256 * 1024;

export async function previewTable(source: SourceFile, rows = 5): Promise<string[][]> {
  const head = await sourceHead(source, PREVIEW_BYTES);
  const xlsx = isXlsx(source.name, head);
  const text = xlsx
    ? await (await import('./xlsx')).xlsxToCsv(await sourceBytes(source))
    : headText(head);
  const delimiter = xlsx ? ',' : chooseDelimiter(source.name, head);
  const parsed = Papa.parse<string[]>(text, { delimiter, preview: rows + 1, skipEmptyLines: 'greedy' });
  return parsed.data;
}

/** How a file's columns will be read as `kind`, with hand-made mappings applied. */
export function readColumns(kind: InputKind, headers: string[], templates: SurveyTemplate[], mapping: Record<string, string> = {}): Omit<Inspection, 'headers' | 'rows'> {
  if (kind === 'survey') {
    const template = templates[0];
    const survey = resolveSurveyHeaders(headers, template);
    const byIndex = new Map<number, string>(survey.items.map((i) => [i.index, i.itemId]));
    for (const role of ['school', 'wave', 'respondent', 'language'] as const) {
      if (survey[role] !== undefined) byIndex.set(survey[role]!, role);
    }
    return { kind, columns: headers.map((header, i) => ({ header, column: byIndex.get(i) })), missing: [] };
  }
  const resolution = resolveHeaders(headers, FILES[kind].columns, mapping);
  const byIndex = new Map(Object.entries(resolution.columns).map(([column, index]) => [index, column]));
  return {
    kind,
    columns: headers.map((header, i) => ({ header, column: byIndex.get(i) })),
    missing: resolution.missing.map((c) => c.name)
  };
}

/** A survey is a file with at least two columns that are items of a template. */
export function detectInputKind(headers: string[], templates: SurveyTemplate[], mapping: Record<string, string> = {}): InputKind | undefined {
  const district = detectKind(headers, mapping);
  if (district) return district;
  const isSurvey = templates.some((t) => resolveSurveyHeaders(headers, t).items.length >= 2);
  return isSurvey ? 'survey' : undefined;
}

export async function inspectFile(source: SourceFile, templates: SurveyTemplate[], mapping: Record<string, string> = {}): Promise<Inspection> {
  const table = await previewTable(source);
  const headers = (table[0] ?? []).map((h) => h.trim());
  // Form tools put two or three header rows on top (Qualtrics, SurveyMonkey): read them as a survey.
  const surveyTemplate = detectKind(headers, mapping) ? undefined : templates.find((t) => inspectSurveyRecords(table, t).items >= 2);
  if (surveyTemplate) {
    const look = inspectSurveyRecords(table, surveyTemplate);
    return { headers: look.headers, rows: look.rows, kind: 'survey', columns: look.columns, missing: [] };
  }
  const kind = detectInputKind(headers, templates, mapping);
  const reading = kind ? readColumns(kind, headers, templates, mapping) : { kind, columns: headers.map((header) => ({ header })), missing: [] };
  return { headers, rows: table.slice(1), ...reading };
}
