import { SCALES, SURVEY_COLUMNS } from '../contract/survey';
import { headerKey, valueKey, sqlValueKey } from '../contract/normalize';
import { inTransaction, sqlString, type Engine } from '../engine/engine';
import type { Problem } from '../import/problems';
import { stageFile } from '../import/stage';
import type { SourceFile } from '../import/source';
import { answerValueExpr, missingAnswerExpr } from './answers';
import { surveySchemaSql } from './schema';
import type { SurveyTemplate } from './template';

export interface SurveyImportOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  respondents: number;
}

interface SurveyColumns {
  items: { index: number; itemId: string; scale: string }[];
  school?: number;
  wave?: number;
  respondent?: number;
  language?: number;
}

/** Matches the response file's headers: items by id or full English or Spanish text, the rest by synonym. */
export function resolveSurveyHeaders(headers: string[], template: SurveyTemplate): SurveyColumns {
  const itemKeys = new Map<string, (typeof template.items)[number]>();
  for (const item of template.items) for (const text of [item.id, item.text_en, item.text_es]) itemKeys.set(valueKey(text), item);
  const columns: SurveyColumns = { items: [] };
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    const item = itemKeys.get(valueKey(header));
    if (item && !taken.has(item.id)) {
      taken.add(item.id);
      columns.items.push({ index, itemId: item.id, scale: item.scale });
      return;
    }
    const key = headerKey(header);
    for (const role of ['school', 'wave', 'respondent', 'language'] as const) {
      if (columns[role] === undefined && SURVEY_COLUMNS[role].map(headerKey).includes(key)) {
        columns[role] = index;
        return;
      }
    }
  });
  return columns;
}

/**
 * Loads a survey response file against the loaded schools, all or nothing. Only the school,
 * wave, language and item answers are kept: other columns (names, e-mails, free text that may
 * name a child) never enter the database.
 */
export async function importSurvey(
  engine: Engine,
  source: SourceFile,
  template: SurveyTemplate,
  options: { wave?: string; progress?: (share: number) => void } = {}
): Promise<SurveyImportOutcome> {
  await engine.exec(surveySchemaSql());
  const file = source.name;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const fail = (p: Omit<Problem, 'file' | 'severity'>) => errors.push({ file, severity: 'error', ...p });
  const done = () => ({ ok: errors.length === 0, errors, warnings, respondents: 0 });

  const stage = 'stage_survey';
  const staged = await stageFile(engine, source, stage, { progress: options.progress });
  if ('message' in staged) return { ...done(), ok: false, errors: [staged] };
  staged.notes.forEach((message) => warnings.push({ file, row: 1, message, severity: 'warning' }));
  const columns = resolveSurveyHeaders(staged.headers, template);

  if (columns.items.length === 0) {
    fail({ row: 1, message: `no column is an item of the ${template.name} template (by id or full English or Spanish text)` });
  } else {
    const present = new Set(columns.items.map((i) => i.itemId));
    const absent = template.items.filter((i) => !present.has(i.id)).map((i) => i.id);
    if (absent.length) warnings.push({ file, row: 1, message: `items not in this file: ${absent.join(', ')}`, severity: 'warning' });
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
    await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
    return done();
  }
  const schoolHeader = staged.headers[schoolColumn!] || 'school';
  const cell = (index: number | undefined) => (index === undefined ? 'NULL::VARCHAR' : `nullif(trim(c${index}), '')`);

  await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_rows AS
    SELECT s._row, ${cell(schoolColumn)} AS raw_school, k.school_id,
      coalesce(${cell(columns.wave)}, ${options.wave ? sqlString(options.wave) : 'NULL'}) AS wave,
      ${cell(columns.language)} AS language
    FROM ${stage} s LEFT JOIN survey_school_keys k ON k.key = ${sqlValueKey(cell(schoolColumn))}`);
  const unmatched = await engine.query<{ row: number; raw: string | null; suggestion: string | null }>(`
    SELECT r._row AS row, r.raw_school AS raw,
      (SELECT school_name FROM schools ORDER BY jaro_winkler_similarity(lower(school_name), lower(r.raw_school)) DESC LIMIT 1) AS suggestion
    FROM survey_rows r WHERE r.school_id IS NULL ORDER BY r._row`);
  for (const u of unmatched) {
    fail({
      row: u.row,
      column: schoolHeader,
      message: u.raw === null ? 'is required but blank' : `"${u.raw.slice(0, 80)}" matches no school id or name${u.suggestion ? ` (closest: "${u.suggestion}")` : ''}`
    });
  }

  const answers = columns.items
    .map(({ index, itemId, scale }) => `SELECT _row, ${sqlString(itemId)} AS item_id, ${cell(index)} AS raw,
      ${answerValueExpr(scale, cell(index))} AS value FROM ${stage}`)
    .join(' UNION ALL ');
  await engine.exec(`CREATE OR REPLACE TEMP TABLE survey_long AS ${answers}`);
  const badAnswers = await engine.query<{ row: number; item_id: string; raw: string }>(`
    SELECT _row AS row, item_id, left(raw, 80) AS raw FROM survey_long
    WHERE raw IS NOT NULL AND value IS NULL AND NOT ${missingAnswerExpr('raw')} ORDER BY _row, item_id`);
  for (const b of badAnswers) {
    fail({ row: b.row, column: b.item_id, message: `"${b.raw}" is not an answer on the scale (1–5 or its labels in English or Spanish; Don't know, No sé, N/A or blank for no answer)` });
  }

  let respondents = 0;
  if (errors.length === 0) {
    await inTransaction(engine, async () => {
      const items = template.items
        .map((item, i) => `(${sqlString(item.id)}, ${sqlString(item.construct)}, ${template.constructs.indexOf(item.construct) + 1}, ${i + 1},
          ${sqlString(item.text_en)}, ${sqlString(item.text_es)}, ${sqlString(item.scale)}, ${SCALES[item.scale].favorableFrom})`)
        .join(', ');
      await engine.exec(`DELETE FROM survey_items; INSERT INTO survey_items VALUES ${items};
        DELETE FROM survey_responses; INSERT INTO survey_responses SELECT _row, _row, school_id, wave, language FROM survey_rows;
        DELETE FROM survey_answers; INSERT INTO survey_answers SELECT _row, item_id, value FROM survey_long WHERE value IS NOT NULL;
        INSERT OR REPLACE INTO input_files VALUES ('survey', ${sqlString(file)}, (SELECT count(*) FROM survey_rows), current_timestamp)`);
    });
    [{ respondents }] = await engine.query<{ respondents: number }>(`SELECT count(*) AS respondents FROM survey_responses`);
  }
  await engine.exec(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS survey_rows; DROP TABLE IF EXISTS survey_long`);
  return { ...done(), respondents };
}

/** With no school header, the school column is the one whose values are mostly school ids or names. */
async function findSchoolColumn(engine: Engine, stage: string, width: number, columns: SurveyColumns) {
  const taken = new Set([...columns.items.map((i) => i.index), columns.wave, columns.respondent, columns.language]);
  const candidates = [...Array(width).keys()].filter((i) => !taken.has(i));
  if (candidates.length === 0) return undefined;
  const shares = await engine.query<{ index: number; share: number }>(
    candidates
      .map((i) => `SELECT ${i} AS index, avg(CASE WHEN k.key IS NULL THEN 0 ELSE 1 END) AS share
        FROM ${stage} s LEFT JOIN survey_school_keys k ON k.key = ${sqlValueKey(`s.c${i}`)} WHERE nullif(trim(s.c${i}), '') IS NOT NULL`)
      .join(' UNION ALL ')
  );
  const best = shares.filter((s) => s.share >= 0.5).sort((a, b) => b.share - a.share)[0];
  return best?.index;
}
