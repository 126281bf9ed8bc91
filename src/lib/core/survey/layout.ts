/**
 * What form tool wrote a response file, told from its first records, and what each column's
 * header rows say. Pure functions: the importer and the import page's first look share them.
 *
 * - Google Forms: one header row, `Timestamp` first (in a Spanish account `Marca temporal`, and so
 *   on), however its cells are written (`1/16/2024 7:42:13`, `16/1/2024 7:42:13`, `2024/01/16 7:42:13
 *   a. m. GMT-5`, an Excel serial number): it is never read. A grid question heads each row's
 *   column `Question [Statement]`.
 * - Microsoft Forms (.xlsx): one header row, `ID`, `Start time`, `Completion time`, `Email`, `Name`.
 * - Qualtrics: three header rows: short ids (`Q1_1`), the question text (`<question> - <statement>`
 *   for a matrix row), and `{"ImportId":"QID1_1"}`. Older exports have only the first two. The
 *   2016 Insights export writes `<question>-<statement>` and `{'ImportId': 'QID1-1'}` (Python's
 *   dict style); the legacy exporter numbers its own columns `V1`…`V10` over `ResponseID`,
 *   `ResponseSet`, … in row 2 (where the question text is, as `<question>-<statement>`), and ends
 *   every line with a comma, so each file has a last column that is empty throughout.
 * - SurveyMonkey (CSV or .xlsx): two header rows: the question over the first column of a matrix
 *   (blank over the rest) and, in row 2, each statement, or `Response` under a single question.
 */
import { headerKey } from '../contract/normalize';

export type SurveyFormat = 'google-forms' | 'microsoft-forms' | 'qualtrics' | 'surveymonkey' | 'plain';

export interface SurveyLayout {
  format: SurveyFormat;
  /** Records at the top that are headers, not respondents. */
  headerRows: number;
  /** The header record that names the columns (stageFile's `headerRow`). */
  headerRow: number;
}

export const FORMAT_NAMES: Record<SurveyFormat, string> = {
  'google-forms': 'Google Forms',
  'microsoft-forms': 'Microsoft Forms',
  qualtrics: 'Qualtrics',
  surveymonkey: 'SurveyMonkey',
  plain: 'a plain table'
};

/** Row 3 of a Qualtrics export: `{"ImportId":"QID1_1"}`, or `{'ImportId': 'QID1-1'}` as the 2016 Insights export wrote it. */
const IMPORT_ID = /^\s*\{\s*(["'])ImportId\1\s*:/;
/** The legacy exporter's numbers for its own columns (`V1`…`V10`). */
const LEGACY_NUMBER = /^V\d+$/;
/** Google Forms' first column, `Timestamp`, in the languages a district's account may use. */
const GOOGLE_TIMESTAMP = ['timestamp', 'marca_temporal', 'carimbo_de_data/hora', 'horodateur', 'informazioni_cronologiche'];
const keysOf = (record: string[] | undefined) => new Set((record ?? []).map((c) => headerKey(c ?? '')));
const blank = (cell: string | undefined) => !cell || cell.trim() === '';

/** The layout of a response file from its first records (three are enough; fewer are fine). */
export function detectSurveyLayout(records: string[][]): SurveyLayout {
  const [first, second, third] = records;
  const keys = keysOf(first);

  if (third?.some((c) => IMPORT_ID.test(c ?? ''))) return { format: 'qualtrics', headerRows: 3, headerRow: 1 };
  // The legacy exporter: V1, V2, … over ResponseID, ResponseSet, …
  if (LEGACY_NUMBER.test(first?.[0]?.trim() ?? '') && LEGACY_NUMBER.test(first?.[1]?.trim() ?? '') && keysOf(second).has('responseid')) {
    return { format: 'qualtrics', headerRows: 2, headerRow: 1 };
  }
  // An older Qualtrics export: ids, then the question text, with no ImportId row.
  if (keys.has('responseid') && (keys.has('startdate') || keys.has('recordeddate'))) {
    const labels = keysOf(second);
    const twoRows = labels.has('response_id') || labels.has('start_date') || labels.has('recorded_date');
    return { format: 'qualtrics', headerRows: twoRows ? 2 : 1, headerRow: twoRows ? 1 : 0 };
  }

  if (keys.has('respondent_id') && keys.has('collector_id')) {
    // Row 2 of a SurveyMonkey export is blank under its own columns; a data row has the id there.
    const at = first.findIndex((c) => headerKey(c ?? '') === 'respondent_id');
    const twoRows = second !== undefined && blank(second[at]);
    return { format: 'surveymonkey', headerRows: twoRows ? 2 : 1, headerRow: 0 };
  }

  if (keys.has('id') && keys.has('start_time') && keys.has('completion_time')) return { format: 'microsoft-forms', headerRows: 1, headerRow: 0 };
  if (GOOGLE_TIMESTAMP.includes(headerKey(first?.[0] ?? ''))) return { format: 'google-forms', headerRows: 1, headerRow: 0 };
  return { format: 'plain', headerRows: 1, headerRow: 0 };
}

export interface HeaderColumn {
  index: number;
  /** How messages name the column: what the form tool shows as its header. */
  name: string;
  /** Every text that may name an item: each header row, and a matrix statement taken apart. */
  texts: string[];
  /**
   * Texts that may name an item but never a school, wave, language or respondent column: each
   * tail after a bare `-` of a Qualtrics header (`<question>-<statement>`), which a word such as
   * `pre-school` would also give.
   */
  statements?: string[];
}

const SURVEYMONKEY_SINGLE = new Set(['response', 'open_ended_response', 'other_please_specify']);

/** Each column's header texts, from the header records of a file with this layout. */
export function headerColumns(records: string[][], layout: SurveyLayout): HeaderColumn[] {
  const rows = records.slice(0, layout.headerRows).map((r) => r.map((c) => (c ?? '').trim()));
  const width = Math.max(0, ...rows.map((r) => r.length));
  let question = '';
  return Array.from({ length: width }, (_, index) => {
    const cells = rows.map((r) => r[index] ?? '');
    const texts: string[] = [];
    let name = cells[layout.headerRow] || cells.find(Boolean) || '';

    const statements: string[] = [];
    if (layout.format === 'qualtrics') {
      const [id, text] = cells;
      // The legacy exporter's V1…V10 say nothing: row 2 names those columns.
      if (LEGACY_NUMBER.test(id) && text) texts.push(text, id);
      else texts.push(id, text);
      // Question text is the survey editor's HTML (`&gt;`, `<br>`): read it as shown too.
      const shown = text && htmlText(text);
      if (shown && shown !== text) texts.push(shown);
      for (const t of [text, shown]) if (t) statements.push(...hyphenTails(t));
    } else if (layout.format === 'surveymonkey') {
      const [title, sub = ''] = cells;
      if (title) question = title;
      const single = sub === '' || SURVEYMONKEY_SINGLE.has(headerKey(sub));
      texts.push(title);
      if (!single) {
        texts.push(sub);
        name = sub;
      } else if (!title && question && sub) {
        // "Other (please specify)" under a question: name it by the question.
        name = `${question} (${sub})`;
      }
    } else {
      texts.push(...cells);
    }
    // A matrix row: Google Forms' grid writes `Question [Statement]`, Qualtrics `Question - Statement`
    // (and a header copied from either may turn up in any file).
    for (const text of [...texts]) {
      const grid = /\[([^\]]+)\]\s*$/.exec(text);
      if (grid) texts.push(grid[1]);
      texts.push(...statementTails(text));
    }
    const column: HeaderColumn = { index, name, texts: [...new Set(texts.filter(Boolean))] };
    const tails = [...new Set(statements)].filter((t) => t && !column.texts.includes(t));
    if (tails.length) column.statements = tails;
    return column;
  });
}

/** Every tail after a `-`: older Qualtrics exports write `<question>-<statement>`, and either may hold a hyphen. */
function hyphenTails(text: string): string[] {
  const tails: string[] = [];
  for (let at = text.indexOf('-'); at >= 0; at = text.indexOf('-', at + 1)) {
    const tail = text.slice(at + 1).trim();
    if (tail) tails.push(tail);
  }
  return tails;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Qualtrics question text as a respondent saw it: tags dropped, entities read. */
function htmlText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:#(x[0-9a-f]{1,6}|\d{1,7})|([a-z]+));/gi, (whole, code: string | undefined, name: string | undefined) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? whole;
      const point = code![0].toLowerCase() === 'x' ? parseInt(code!.slice(1), 16) : Number(code);
      return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every tail after ` - `: Qualtrics writes `<question> - <statement>`, and either may hold a dash. */
function statementTails(text: string): string[] {
  const tails: string[] = [];
  let at = text.indexOf(' - ');
  while (at >= 0) {
    tails.push(text.slice(at + 3));
    at = text.indexOf(' - ', at + 1);
  }
  return tails;
}

/**
 * Header synonyms particular to form tools, beside the contract's (contract/survey.ts). Only
 * used to set these columns apart from the school search: none of them is stored.
 */
export const FORM_TOOL_COLUMNS: Record<'language' | 'respondent', string[]> = {
  language: ['userlanguage', 'user_language', 'q_language'],
  respondent: ['responseid', 'respondent_id']
};

/** Microsoft Forms' `ID` is its respondent number; in another file `id` may be anything. */
export function formToolRoleKeys(layout: SurveyLayout): Record<'language' | 'respondent', string[]> {
  return layout.format === 'microsoft-forms'
    ? { ...FORM_TOOL_COLUMNS, respondent: [...FORM_TOOL_COLUMNS.respondent, 'id'] }
    : FORM_TOOL_COLUMNS;
}

/**
 * Qualtrics' `Status` (Response Type) marks previews and tests, which are not respondents:
 * the text export writes the label, the numeric export its code.
 */
export const QUALTRICS_NOT_RESPONDENTS = ['Survey Preview', 'Survey Test', 'Spam', 'Survey Preview Spam', 'Offline Survey Preview', '1', '2', '8', '9', '17'];
