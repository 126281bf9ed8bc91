/**
 * A first look at a file before it is loaded: its headers, a few rows, what kind of file it
 * seems to be and how each column will be read. Papaparse reads only the first part of the file;
 * the import itself goes through DuckDB.
 */
import Papa from 'papaparse';
import { CCD_TOTAL, INPUT_FILES, type InputFileKind } from '../contract/files';
import { detectKind, resolveHeaders } from '../contract/headers';
import { headerKey } from '../contract/normalize';
import { isWideStaff } from './layouts';
import type { SurveyTemplate } from '../survey/template';
import { inspectSurveyRecords, resolveSurveyHeaders } from '../survey/import';
import { chooseDelimiter, headText, isXlsx, sourceBytes, sourceHead, type SourceFile } from './source';

export type InputKind = InputFileKind | 'survey';

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
  const resolution = resolveHeaders(headers, INPUT_FILES[kind].columns, mapping);
  const byIndex = new Map(Object.entries(resolution.columns).map(([column, index]) => [index, column]));
  return {
    kind,
    columns: headers.map((header, i) => ({ header, column: byIndex.get(i) })),
    missing: resolution.missing.map((c) => c.name)
  };
}

/**
 * What a file is, by its headers: a CCD membership file (its total-row indicator) is an enrollment
 * file, one FTE column per role is a staff file (CRDC), then the contract's files, then a survey
 * (at least two columns that are items of a template), then a locations file (EDGE geocodes), and
 * last a schools file whose enrollment must come from a file of its own (the CCD directory).
 */
export function detectInputKind(headers: string[], templates: SurveyTemplate[], mapping: Record<string, string> = {}): InputKind | undefined {
  const fits = (kind: InputFileKind) => resolveHeaders(headers, INPUT_FILES[kind].columns, mapping).missing;
  if (headers.some((h) => headerKey(h) === CCD_TOTAL.column) && fits('enrollment').length === 0) return 'enrollment';
  if (isWideStaff(headers, mapping)) return 'staff';
  const district = detectKind(headers, mapping);
  if (district) return district;
  if (templates.some((t) => resolveSurveyHeaders(headers, t).items.length >= 2)) return 'survey';
  if (fits('locations').length === 0) return 'locations';
  const schools = fits('schools');
  if (schools.length === 1 && schools[0].name === 'enrollment') return 'schools';
  return undefined;
}

/** The header row of a preview: the first of its first records whose headers tell what the file is. */
function headerRecord(table: string[][], templates: SurveyTemplate[], mapping: Record<string, string>): number {
  const at = table.slice(0, 30).findIndex((record) => detectInputKind(record.map((h) => h.trim()), templates, mapping) !== undefined);
  return at >= 0 ? at : 0;
}

export async function inspectFile(source: SourceFile, templates: SurveyTemplate[], mapping: Record<string, string> = {}): Promise<Inspection> {
  const whole = await previewTable(source, 40);
  const first = (whole[0] ?? []).map((h) => h.trim());
  // Form tools put two or three header rows on top (Qualtrics, SurveyMonkey): read them as a survey.
  const surveyTemplate = detectKind(first, mapping) ? undefined : templates.find((t) => inspectSurveyRecords(whole.slice(0, 6), t).items >= 2);
  if (surveyTemplate) {
    const look = inspectSurveyRecords(whole.slice(0, 6), surveyTemplate);
    return { headers: look.headers, rows: look.rows, kind: 'survey', columns: look.columns, missing: [] };
  }
  // Title lines above the header (ELSI's exports) are not the header.
  const table = whole.slice(headerRecord(whole, templates, mapping)).slice(0, 6);
  const headers = (table[0] ?? []).map((h) => h.trim());
  const kind = detectInputKind(headers, templates, mapping);
  const reading = kind ? readColumns(kind, headers, templates, mapping) : { kind, columns: headers.map((header) => ({ header })), missing: [] };
  return { headers, rows: table.slice(1), ...reading };
}
