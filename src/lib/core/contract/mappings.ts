/**
 * The mappings file: what a district's own values mean (`School Psychologist II` is a school
 * psychologist, `Teacher` rows are left out, `Muy de acuerdo` is 5). CSV with the header
 * `file,column,value,means`; the same rows are kept with the workspace and downloaded from the app.
 */
import Papa from 'papaparse';
import { INPUT_FILES, type FileKind } from './files';
import { headerKey, valueKey } from './normalize';
import type { Problem } from '../import/problems';

export type MappingFile = FileKind | 'survey';

export const MAPPING_FILES: MappingFile[] = ['schools', 'staff', 'services', 'needs', 'survey'];

export const LEAVE_OUT = 'leave out';
/** Survey answers only: the answer counts as no answer. */
export const MISSING = 'missing';

export interface ValueMapping {
  file: MappingFile;
  /** A contract column; for surveys an item id, `answer` (every item) or `school`. */
  column: string;
  /** The text as written; matched case-insensitively, surrounding spaces ignored. */
  value: string;
  /** A vocabulary value, a school_id, `leave out`, or (surveys) `missing`. */
  means: string;
}

export const MAPPINGS_HEADER = ['file', 'column', 'value', 'means'] as const;

/** How a value is matched: the SQL side is `lower(trim(raw))`. */
export const mappingKey = (value: string) => value.trim().toLowerCase();

export const isLeaveOut = (means: string) => valueKey(means) === valueKey(LEAVE_OUT);
export const isMissing = (means: string) => valueKey(means) === MISSING;

export function parseMappings(name: string, text: string): { mappings: ValueMapping[]; errors: Problem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...records] = parsed.data;
  const errors: Problem[] = [];
  const at = MAPPINGS_HEADER.map((h) => header.findIndex((cell) => headerKey(cell) === h));
  const absent = MAPPINGS_HEADER.filter((_, i) => at[i] < 0);
  if (absent.length) {
    errors.push({ file: name, row: 1, message: `a mappings file needs the header file,column,value,means (missing: ${absent.join(', ')})`, severity: 'error' });
    return { mappings: [], errors };
  }
  const mappings: ValueMapping[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, i) => {
    const row = i + 2;
    const [file, column, value, means] = at.map((index) => (record[index] ?? '').trim());
    const fail = (columnName: string, message: string) => errors.push({ file: name, row, column: columnName, message, severity: 'error' });
    const kind = MAPPING_FILES.find((f) => f === valueKey(file));
    if (!kind) return fail('file', `must be one of ${MAPPING_FILES.join(', ')}; found "${file}"`);
    const columnName = kind === 'survey' ? column : headerKey(column);
    if (!columnName) return fail('column', 'is required but blank');
    if (kind !== 'survey' && !INPUT_FILES[kind].columns.some((c) => c.name === columnName)) {
      return fail('column', `"${column}" is not a column of ${INPUT_FILES[kind].fileName}`);
    }
    if (!value) return fail('value', 'is required but blank');
    if (!means) return fail('means', `is required but blank (a value, "${LEAVE_OUT}"${kind === 'survey' ? `, or "${MISSING}"` : ''})`);
    if (isMissing(means) && kind !== 'survey') return fail('means', `"${MISSING}" is for survey answers only`);
    const key = `${kind}\u0000${columnName}\u0000${mappingKey(value)}`;
    const first = seen.get(key);
    if (first) return fail('value', `"${value}" is mapped twice for ${kind} ${columnName} (first on row ${first})`);
    seen.set(key, row);
    mappings.push({ file: kind, column: columnName, value, means: isLeaveOut(means) ? LEAVE_OUT : isMissing(means) ? MISSING : means });
  });
  return { mappings, errors };
}

/** The mappings as the CSV the command line reads (`--mappings F`). */
export function mappingsCsv(mappings: ValueMapping[]): string {
  return Papa.unparse({ fields: [...MAPPINGS_HEADER], data: mappings.map((m) => [m.file, m.column, m.value, m.means]) }, { newline: '\n' }) + '\n';
}

/** A later mapping of the same file, column and value replaces an earlier one. */
export function mergeMappings(...lists: ValueMapping[][]): ValueMapping[] {
  const byKey = new Map<string, ValueMapping>();
  for (const m of lists.flat()) byKey.set(`${m.file}\u0000${m.column}\u0000${mappingKey(m.value)}`, m);
  return [...byKey.values()];
}
