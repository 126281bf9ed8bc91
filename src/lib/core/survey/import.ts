import { MISSING_ANSWERS, SURVEY_COLUMNS } from '../contract/survey';
import { headerKey, valueKey, sqlValueKey } from '../contract/normalize';
import { inTransaction, sqlNumber, sqlString, type Engine } from '../engine/engine';
import type { Problem } from '../import/problems';
import { isLeaveOut, isMissing, mappingKey, type ValueMapping } from '../contract/mappings';
import { ROWS_TEXT_SQL } from '../import/sql';
import { stageFile } from '../import/stage';
import type { SourceFile } from '../import/source';
import { answerKeysSql, answerRowsSelect, answerValuesSql, constructAnswersSelect, languageGroupExpr, unreadableAnswersSql, type ItemColumn } from './answers';
import { headRecords } from './head';
import {
  detectSurveyLayout,
  FORMAT_NAMES,
  formToolRoleKeys,
  headerColumns,
  QUALTRICS_NOT_RESPONDENTS,
  type HeaderColumn,
  type SurveyFormat,
  type SurveyLayout
} from './layout';
import type { Scale } from './scales';
import { CLEAR_SURVEY_SQL, surveySchemaSql } from './schema';
import type { SurveyTemplate } from './template';

export interface SurveyImportOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Respondents loaded, in every wave now held. */
  respondents: number;
  /** The form tool the file came from, as told by its layout. */
  format?: SurveyFormat;
  /** The waves this file brought (null: no wave named); they replaced any loaded before. */
  waves: (string | null)[];
  /** Waves loaded before that are still held. */
  keptWaves: (string | null)[];
}

type Role = 'school' | 'wave' | 'respondent' | 'language';
const ROLES: Role[] = ['school', 'wave', 'respondent', 'language'];

export interface SurveyColumns {
  items: { index: number; itemId: string; scale: string }[];
  school?: number;
  wave?: number;
  respondent?: number;
  language?: number;
  /** Qualtrics' Status column, to leave out previews and tests. */
  status?: number;
}

/**
 * Matches columns to the template: items by id, full English or Spanish text, a Qualtrics
 * statement tail or a SurveyMonkey row-2 statement (whatever `texts` and `statements` offer); the
 * rest by synonym.
 */
export function resolveSurveyColumns(columns: HeaderColumn[], template: SurveyTemplate, layout?: SurveyLayout): SurveyColumns {
  const itemKeys = new Map<string, (typeof template.items)[number]>();
  for (const item of template.items) for (const text of [item.id, item.text_en, item.text_es]) itemKeys.set(valueKey(text), item);
  const extra = layout ? formToolRoleKeys(layout) : { language: [], respondent: [] };
  const synonyms: Record<Role, string[]> = {
    school: SURVEY_COLUMNS.school.map(headerKey),
    wave: SURVEY_COLUMNS.wave.map(headerKey),
    respondent: [...SURVEY_COLUMNS.respondent.map(headerKey), ...extra.respondent],
    language: [...SURVEY_COLUMNS.language.map(headerKey), ...extra.language]
  };
  const resolved: SurveyColumns = { items: [] };
  const taken = new Set<string>();
  for (const { index, texts, statements = [] } of columns) {
    // A statement after a bare `-` may name an item, never a role (`pre-school` is not the school).
    const item = [...texts, ...statements].map((t) => itemKeys.get(valueKey(t))).find((i) => i && !taken.has(i.id));
    if (item) {
      taken.add(item.id);
      resolved.items.push({ index, itemId: item.id, scale: item.scale });
      continue;
    }
    const keys = texts.map(headerKey);
    const role = ROLES.find((r) => resolved[r] === undefined && keys.some((k) => synonyms[r].includes(k)));
    if (role) resolved[role] = index;
    else if (layout?.format === 'qualtrics' && resolved.status === undefined && keys[0] === 'status') resolved.status = index;
  }
  return resolved;
}

/** Matches a one-row header (the import page's first look) as `resolveSurveyColumns` does. */
export function resolveSurveyHeaders(headers: string[], template: SurveyTemplate): SurveyColumns {
  return resolveSurveyColumns(headerColumns([headers], { format: 'plain', headerRows: 1, headerRow: 0 }), template);
}

/**
 * The import page's first look at a possible survey file: its layout and, for each column, the
 * name to show and what it is read as. `records` are the file's first records (four will do).
 */
export function inspectSurveyRecords(records: string[][], template: SurveyTemplate) {
  const layout = detectSurveyLayout(records);
  const columns = headerColumns(records, layout);
  const resolved = resolveSurveyColumns(columns, template, layout);
  const reading = new Map<number, string>(resolved.items.map((i) => [i.index, i.itemId]));
  for (const role of ROLES) if (resolved[role] !== undefined) reading.set(resolved[role]!, role);
  return {
    layout,
    headers: columns.map((c) => c.name),
    columns: columns.map((c) => ({ header: c.name, column: reading.get(c.index) })),
    items: resolved.items.length,
    rows: records.slice(layout.headerRows)
  };
}

/**
 * Loads a survey response file against the loaded schools, all or nothing. Only the school,
 * wave, language and item answers are kept: other columns (names, e-mails, IP addresses,
 * coordinates, free text that may name a child) never enter the database.
 *
 * Waves: a `wave` column, or `options.wave` for rows without one. The file replaces only the
 * waves it brings; others loaded before stay (unless they were scored with another template).
 */
export async function importSurvey(
  engine: Engine,
  source: SourceFile,
  template: SurveyTemplate,
  options: {
    wave?: string;
    progress?: (share: number) => void;
    /** The caller (the core session's load) holds a transaction that this import's writes join. */
    inCallersTransaction?: boolean;
    /** What the district's own answers and school names mean (`survey` rows of the mappings). */
    mappings?: ValueMapping[];
  } = {}
): Promise<SurveyImportOutcome> {
  await engine.exec(surveySchemaSql());
  const file = source.name;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const fail = (p: Omit<Problem, 'file' | 'severity'>) => errors.push({ file, severity: 'error', ...p });
  const warn = (p: Omit<Problem, 'file' | 'severity'>) => warnings.push({ file, severity: 'warning', ...p });
  let layout: SurveyLayout = { format: 'plain', headerRows: 1, headerRow: 0 };
  let head: string[][] = [];
  try {
    head = await headRecords(source);
    layout = detectSurveyLayout(head);
  } catch {
    // An unreadable file: stageFile says why.
  }
  const done = () => ({ ok: errors.length === 0, errors, warnings, respondents: 0, format: layout.format, waves: [], keptWaves: [] });

  const stage = 'stage_survey';
  const staged = await stageFile(engine, source, stage, { headerRows: layout.headerRows, headerRow: layout.headerRow, progress: options.progress });
  if ('message' in staged) return { ...done(), ok: false, errors: [staged] };
  staged.notes.forEach((message) => warn({ row: 1, message }));
  const header = headerColumns(head.length ? head : [staged.headers], layout);
  const columnName = (index: number) => header[index]?.name || staged.headers[index] || `column ${index + 1}`;
  const columns = resolveSurveyColumns(header, template, layout);

  if (columns.items.length === 0) {
    const seen = layout.format === 'plain' ? '' : ` (read as a ${FORMAT_NAMES[layout.format]} export)`;
    fail({ row: 1, message: `no column is an item of the ${template.name} template (by id or full English or Spanish text)${seen}` });
  } else {
    const present = new Set(columns.items.map((i) => i.itemId));
    const absent = template.items.filter((i) => !present.has(i.id)).map((i) => i.id);
    if (absent.length) warn({ row: 1, message: `items not in this file: ${absent.join(', ')}` });
  }
  const cell = (index: number | undefined) => (index === undefined ? 'NULL::VARCHAR' : blankless(`c${index}`));

  // Qualtrics previews and tests are not families: leave them out, and say how many.
  if (columns.status !== undefined) {
    const notRespondents = QUALTRICS_NOT_RESPONDENTS.map((s) => sqlString(valueKey(s))).join(', ');
    const status = `c${columns.status}`;
    const notFamilies = `${status} IN (SELECT raw FROM (SELECT DISTINCT ${status} AS raw FROM ${stage}) WHERE ${sqlValueKey(blankless('raw'))} IN (${notRespondents}))`;
    const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${stage} WHERE ${notFamilies}`);
    if (n > 0) {
      await engine.exec(`DELETE FROM ${stage} WHERE ${notFamilies}`);
      warn({ row: 1, column: columnName(columns.status), message: `${n} survey preview or test response${n === 1 ? '' : 's'} left out` });
    }
  }

  await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_school_keys AS
    SELECT DISTINCT ON (key) key, school_id FROM (
      SELECT ${sqlValueKey('school_id')} AS key, school_id, 0 AS pref, _row FROM schools
      UNION ALL SELECT ${sqlValueKey('school_name')}, school_id, 1, _row FROM schools)
    ORDER BY key, pref, _row`);
  const schoolColumn = columns.school ?? (await findSchoolColumn(engine, stage, staged.headers.length, columns));
  if (schoolColumn === undefined) {
    fail({ row: 1, message: 'no column names the school: head it "school" or "school_id", or fill it with school ids or names from the schools file' });
  }
  if (errors.length) {
    await engine.exec(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS survey_school_keys`);
    return done();
  }
  const schoolHeader = columnName(schoolColumn!);
  const school = `c${schoolColumn}`;
  const mappings = (options.mappings ?? []).filter((m) => m.file === 'survey');
  const mapped = [
    ...(mappings.some((m) => m.column === 'school') ? [{ cell: school, header: schoolHeader, ids: ['school'] }] : []),
    ...columns.items.map((i) => ({ cell: `c${i.index}`, header: columnName(i.index), ids: [i.itemId, 'answer'] }))
  ];
  for (const { cell: column, header: shown, ids } of mapped) {
    const rules = mappings.filter((m) => ids.includes(m.column));
    if (rules.length) await applySurveyMappings(engine, stage, column, rules, (row, message) => warn({ row, column: shown, message }));
  }

  // A form whose school question was optional: responses without a school are not scored.
  const [{ blank, firstBlank }] = await engine.query<{ blank: number; firstBlank: number | null }>(
    `SELECT count(*)::INTEGER AS blank, min(_row) AS firstBlank FROM ${stage} WHERE ${blankless(school)} IS NULL`
  );
  if (blank) {
    await engine.exec(`DELETE FROM ${stage} WHERE ${blankless(school)} IS NULL`);
    warn({ row: firstBlank ?? 1, column: schoolHeader, message: `${blank} ${blank === 1 ? 'response names' : 'responses name'} no school: not scored` });
  }

  // Each distinct school cell is matched once, then every row by its exact text.
  await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_school_cells AS
    SELECT d.raw, k.school_id FROM (SELECT DISTINCT ${school} AS raw FROM ${stage}) d
    LEFT JOIN survey_school_keys k ON k.key = ${sqlValueKey(blankless('d.raw'))};
    CREATE OR REPLACE TEMP TABLE survey_rows AS
    SELECT s._row, ${blankless(`s.${school}`)} AS raw_school, k.school_id,
      coalesce(${cell(columns.wave)}, ${options.wave?.trim() ? sqlString(options.wave.trim()) : 'NULL'}) AS wave,
      ${cell(columns.language)} AS language
    FROM ${stage} s LEFT JOIN survey_school_cells k ON k.raw = s.${school}`);
  // An unknown school is reported once per way it is written, with its rows.
  const unmatched = await engine.query<{ row: number; raw: string; rows: number; text: string; suggestion: string | null }>(`
    SELECT row, raw, rows, text,
      (SELECT school_name FROM schools ORDER BY jaro_winkler_similarity(lower(school_name), lower(raw)) DESC LIMIT 1) AS suggestion
    FROM (SELECT min(_row) AS row, arg_min(raw_school, _row) AS raw, count(*)::INTEGER AS rows, ${ROWS_TEXT_SQL} AS text
          FROM survey_rows WHERE school_id IS NULL GROUP BY lower(raw_school))
    ORDER BY row`);
  for (const u of unmatched) {
    fail({
      row: u.row,
      column: schoolHeader,
      message: `"${u.raw.slice(0, 80)}" matches no school id or name ${u.text}${u.suggestion ? `; closest: "${u.suggestion}"` : ''}`,
      value: u.raw,
      rows: u.rows,
      kind: 'survey',
      mapAs: 'school'
    });
  }

  const templateItems = new Map(template.items.map((i) => [i.id, i]));
  const itemColumns: ItemColumn[] = columns.items.map(({ index, itemId, scale }) => {
    const { construct } = templateItems.get(itemId)!;
    return { column: `c${index}`, itemId, scale: template.scales[scale], construct, constructOrder: template.constructs.indexOf(construct) + 1 };
  });
  await engine.exec(answerKeysSql(stage, itemColumns));
  const [{ unreadable }] = await engine.query<{ unreadable: number }>('SELECT count(*) AS unreadable FROM survey_answer_keys WHERE unreadable');
  const badAnswers = unreadable ? await engine.query<{ row: number; item_id: string; raw: string; rows: number; text: string }>(unreadableAnswersSql(stage, itemColumns)) : [];
  const itemColumn = new Map(columns.items.map((i) => [i.itemId, head[0]?.[i.index]?.trim() || columnName(i.index)]));
  const scaleOf = new Map(itemColumns.map((i) => [i.itemId, i.scale]));
  for (const b of badAnswers) {
    // Qualtrics names its columns by short ids (Q2_1): give that too, so the cell can be found.
    const column = layout.format === 'qualtrics' ? `${itemColumn.get(b.item_id)} (${b.item_id})` : b.item_id;
    fail({
      row: b.row,
      column,
      message: `"${b.raw}" is not an answer on the scale ${b.text}: answers are ${scaleAnswersText(scaleOf.get(b.item_id)!)}`,
      value: b.raw,
      rows: b.rows,
      kind: 'survey',
      mapAs: b.item_id
    });
  }

  let respondents = 0;
  let waves: (string | null)[] = [];
  let keptWaves: (string | null)[] = [];
  if (errors.length === 0) {
    // A language column says it; otherwise the labels tell, where they are all of one language.
    // The cell itself is kept where it names English or Spanish: what a form's "Other" choice
    // lets a family type there is free text, which is never stored.
    await engine.exec(`${answerValuesSql(stage, itemColumns)};
      CREATE OR REPLACE TEMP TABLE survey_language_cells AS
      SELECT raw, ${languageGroupExpr('raw')} AS language_group FROM (SELECT DISTINCT language AS raw FROM survey_rows);
      CREATE OR REPLACE TEMP TABLE survey_rows_language AS
      SELECT r._row, CASE WHEN c.language_group IN ('en', 'es') THEN r.language END AS language, coalesce(c.language_group,
        CASE WHEN v.spanish > 0 AND v.english = 0 THEN 'es' WHEN v.english > 0 AND v.spanish = 0 THEN 'en' END) AS language_group
      FROM survey_rows r JOIN survey_values v USING (_row) LEFT JOIN survey_language_cells c ON c.raw = r.language`);
    const sameTemplate = await hasSameItems(engine, template);
    if (!sameTemplate) warn({ row: 1, message: `the survey loaded before used other items; it is replaced by this one (${template.name})` });
    const atomically = options.inCallersTransaction ? (work: () => Promise<void>) => work() : (work: () => Promise<void>) => inTransaction(engine, work);
    await atomically(async () => {
      const items = template.items
        .map((item, i) => `(${sqlString(item.id)}, ${sqlString(item.construct)}, ${sqlNumber(template.constructs.indexOf(item.construct) + 1)}, ${sqlNumber(i + 1)},
          ${sqlString(item.text_en)}, ${sqlString(item.text_es)}, ${sqlString(item.scale)})`)
        .join(', ');
      const points = Object.values(template.scales)
        .flatMap((scale) => scale.points.map((p, i) => `(${sqlString(scale.name)}, ${sqlNumber(i + 1)}, ${sqlNumber(p.value)}, ${sqlString(p.en)}, ${sqlString(p.es)}, ${p.favorable})`))
        .join(', ');
      if (!sameTemplate) await engine.exec(CLEAR_SURVEY_SQL);
      // A wave named as one loaded before, however cased or punctuated, is that wave.
      await engine.exec(`UPDATE survey_rows SET wave = m.held FROM (
          SELECT f.wave AS named, e.wave AS held FROM (SELECT DISTINCT wave FROM survey_rows WHERE wave IS NOT NULL) f
          JOIN (SELECT DISTINCT wave FROM survey_responses WHERE wave IS NOT NULL) e ON ${sqlValueKey('e.wave')} = ${sqlValueKey('f.wave')}
          WHERE e.wave <> f.wave) m
        WHERE survey_rows.wave = m.named`);
      await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_file_waves AS
        SELECT w.wave, coalesce(o.wave_order, (SELECT coalesce(max(wave_order), 0) FROM survey_responses) + row_number() OVER (ORDER BY w.first_row)) AS wave_order
        FROM (SELECT wave, min(_row) AS first_row FROM survey_rows GROUP BY wave) w
        LEFT JOIN (SELECT wave, min(wave_order) AS wave_order FROM survey_responses GROUP BY wave) o ON o.wave IS NOT DISTINCT FROM w.wave;
        DELETE FROM survey_answers WHERE respondent IN (SELECT respondent FROM survey_responses WHERE wave IN (SELECT wave FROM survey_file_waves)
          OR (wave IS NULL AND EXISTS (SELECT 1 FROM survey_file_waves WHERE wave IS NULL)));
        DELETE FROM survey_responses WHERE wave IN (SELECT wave FROM survey_file_waves)
          OR (wave IS NULL AND EXISTS (SELECT 1 FROM survey_file_waves WHERE wave IS NULL));
        DELETE FROM survey_construct_answers WHERE respondent NOT IN (SELECT respondent FROM survey_responses);
        CREATE OR REPLACE TEMP TABLE survey_offset AS SELECT coalesce(max(respondent), 0) AS base FROM survey_responses;`);
      // Respondent ids stay unique across loads: this file's rows come after every id still held.
      await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_file_responses AS
        SELECT o.base + r._row AS respondent, r._row, r.school_id, r.wave, l.language, l.language_group, w.wave_order, v.* EXCLUDE (_row, spanish, english)
        FROM survey_rows r JOIN survey_rows_language l USING (_row) JOIN survey_values v USING (_row)
        JOIN survey_file_waves w ON w.wave IS NOT DISTINCT FROM r.wave CROSS JOIN survey_offset o`);
      await engine.exec(`DELETE FROM survey_items; INSERT INTO survey_items VALUES ${items};
        DELETE FROM survey_scale_points; INSERT INTO survey_scale_points VALUES ${points};
        INSERT INTO survey_responses SELECT respondent, _row, school_id, wave, language, language_group, wave_order, ${sqlString(file)} FROM survey_file_responses`);
      await engine.exec(`INSERT INTO survey_answers ${answerRowsSelect(itemColumns, 'survey_file_responses')}`);
      await engine.exec(`INSERT INTO survey_construct_answers ${constructAnswersSelect(itemColumns, 'survey_file_responses')}`);
      await engine.exec(`INSERT OR REPLACE INTO input_files SELECT 'survey', string_agg(source_file, '; ' ORDER BY first_order), sum(rows)::INTEGER, current_timestamp
          FROM (SELECT source_file, min(wave_order) AS first_order, count(*) AS rows FROM survey_responses GROUP BY source_file)`);
    });
    const brought = await engine.query<{ wave: string | null }>('SELECT wave FROM survey_file_waves ORDER BY wave_order');
    const held = await engine.query<{ wave: string | null; respondents: number }>(
      'SELECT wave, count(*) AS respondents FROM survey_responses GROUP BY wave ORDER BY min(wave_order)'
    );
    respondents = held.reduce((sum, w) => sum + w.respondents, 0);
    waves = brought.map((w) => w.wave);
    keptWaves = held.map((w) => w.wave).filter((w) => !waves.includes(w));
  }
  await engine.exec(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS survey_rows; DROP TABLE IF EXISTS survey_values; DROP TABLE IF EXISTS survey_file_responses;
    DROP TABLE IF EXISTS survey_answer_keys; DROP TABLE IF EXISTS survey_school_cells; DROP TABLE IF EXISTS survey_language_cells;
    DROP TABLE IF EXISTS survey_school_keys; DROP TABLE IF EXISTS survey_rows_language; DROP TABLE IF EXISTS survey_file_waves; DROP TABLE IF EXISTS survey_offset`);
  return { ...done(), respondents, waves, keptWaves };
}

/**
 * Rewrites a staged column as the mappings say: an answer becomes its value, `missing` becomes
 * blank, and `leave out` drops the responses (one warning per value).
 */
async function applySurveyMappings(engine: Engine, stage: string, column: string, rules: ValueMapping[], warn: (row: number, message: string) => void): Promise<void> {
  const key = `lower(trim(${column}))`;
  const leave = rules.filter((r) => isLeaveOut(r.means)).map((r) => sqlString(mappingKey(r.value)));
  if (leave.length) {
    const counted = await engine.query<{ value: string; row: number; text: string }>(
      `SELECT arg_min(trim(${column}), _row) AS value, min(_row) AS row, ${ROWS_TEXT_SQL} AS text FROM ${stage} WHERE ${key} IN (${leave.join(', ')}) GROUP BY ${key} ORDER BY row`
    );
    await engine.exec(`DELETE FROM ${stage} WHERE ${key} IN (${leave.join(', ')})`);
    counted.forEach((c) => warn(c.row, `"${c.value}" left out, as the mappings say ${c.text}`));
  }
  const replace = rules.filter((r) => !isLeaveOut(r.means));
  if (replace.length) {
    const cases = replace.map((r) => `WHEN ${sqlString(mappingKey(r.value))} THEN ${isMissing(r.means) ? 'NULL' : sqlString(r.means)}`).join(' ');
    await engine.exec(`UPDATE ${stage} SET ${column} = CASE ${key} ${cases} END WHERE ${key} IN (${replace.map((r) => sqlString(mappingKey(r.value))).join(', ')})`);
  }
}

/** True where nothing is loaded yet, or what is loaded was scored with the same items. */
async function hasSameItems(engine: Engine, template: SurveyTemplate): Promise<boolean> {
  const loaded = await engine.query<{ item_id: string }>('SELECT item_id FROM survey_items ORDER BY item_order');
  const [{ n }] = await engine.query<{ n: number }>('SELECT count(*) AS n FROM survey_responses');
  if (loaded.length === 0 || n === 0) return true;
  return loaded.map((i) => i.item_id).join('\u0000') === template.items.map((i) => i.id).join('\u0000');
}

/** Rows read to find a school column that has no header. */
const SCHOOL_COLUMN_SAMPLE = 5000;

/** With no school header, the school column is the one whose values are mostly school ids or names. */
async function findSchoolColumn(engine: Engine, stage: string, width: number, columns: SurveyColumns) {
  const taken = new Set([...columns.items.map((i) => i.index), columns.wave, columns.respondent, columns.language, columns.status]);
  const candidates = [...Array(width).keys()].filter((i) => !taken.has(i));
  if (candidates.length === 0) return undefined;
  // The first rows tell which column it is; each distinct value there is matched once.
  const sample = `(SELECT * FROM ${stage} ORDER BY _row LIMIT ${sqlNumber(SCHOOL_COLUMN_SAMPLE)})`;
  const shares = await engine.query<{ index: number; share: number }>(
    candidates
      .map((i) => `SELECT ${sqlNumber(i)} AS index, sum(CASE WHEN k.key IS NULL THEN 0 ELSE d.n END) / sum(d.n) AS share
        FROM (SELECT c${i} AS raw, count(*) AS n FROM ${sample} WHERE ${blankless(`c${i}`)} IS NOT NULL GROUP BY c${i}) d
        LEFT JOIN survey_school_keys k ON k.key = ${sqlValueKey('d.raw')}`)
      .join(' UNION ALL ')
  );
  const best = shares.filter((s) => s.share >= 0.5).sort((a, b) => b.share - a.share)[0];
  return best?.index;
}

/** What a scale accepts, for the message on an answer it does not: `1–5 or its labels…`. */
function scaleAnswersText(scale: Scale): string {
  const values = scale.points.map((p) => p.value);
  const contiguous = values.every((v, i) => i === 0 || v === values[i - 1] + 1);
  const range = contiguous ? `${values[0]}–${values.at(-1)}` : values.join(', ');
  const none = [...MISSING_ANSWERS, ...scale.noAnswer.map((l) => l.en)];
  return `${range} or its labels in English or Spanish; ${none.join(', ')} or blank for no answer`;
}

/** A cell's text, NULL where blank. */
function blankless(expr: string): string {
  return `nullif(trim(${expr}), '')`;
}
