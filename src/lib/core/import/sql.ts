/**
 * Pure SQL builders for the import: each contract column becomes a raw expression, a typed
 * expression, and the checks its values must pass. Everything runs in DuckDB, over the whole
 * staging table at once.
 */
import type { ColumnSpec, FileSpec } from '../contract/files';
import type { HeaderResolution } from '../contract/headers';
import { sqlValueKey, valueKey } from '../contract/normalize';
import {
  LEVELS,
  LEVEL_LABELS,
  PROVIDER_TYPES,
  ROLES,
  SERVICE_TYPES,
  TIER_LABELS,
  YES_NO
} from '../contract/vocabulary';
import { sqlIdent, sqlNumber, sqlString } from '../engine/engine';
import { isLeaveOut, mappingKey, type ValueMapping } from '../contract/mappings';

/** A number as people type it: `1,480`, ` 12 `, `-3.5`, `.5`. */
export const NUMBER_PATTERN = '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]*)?|[+-]?\\.[0-9]+';

export const SQL_TYPES: Record<ColumnSpec['type'], string> = {
  id: 'VARCHAR',
  school_ref: 'VARCHAR',
  text: 'VARCHAR',
  whole: 'BIGINT',
  decimal: 'DOUBLE',
  percent: 'DOUBLE',
  level: 'VARCHAR',
  role: 'VARCHAR',
  tier: 'INTEGER',
  provider_type: 'VARCHAR',
  service: 'VARCHAR',
  yes_no: 'BOOLEAN'
};

/** Accepted spellings → canonical value, per vocabulary column type. */
const VOCABULARIES: Partial<Record<ColumnSpec['type'], Map<string, string | number | boolean>>> = {
  tier: keyed(Object.entries(TIER_LABELS).map(([tier, labels]) => [Number(tier), labels])),
  role: keyed(ROLES.map((r) => [r.role, [r.role, ...r.accepted]])),
  level: keyed(LEVELS.map((l) => [l, [l, ...LEVEL_LABELS[l]]])),
  provider_type: keyed(PROVIDER_TYPES.map((t) => [t, [t]])),
  service: keyed(SERVICE_TYPES.map((s) => [s, [s]])),
  yes_no: keyed([
    [true, YES_NO.yes],
    [false, YES_NO.no]
  ])
};

function keyed(entries: [string | number | boolean, string[]][]) {
  const map = new Map<string, string | number | boolean>();
  for (const [value, labels] of entries) for (const label of labels) map.set(valueKey(label), value);
  return map;
}

function literal(value: string | number | boolean): string {
  if (typeof value === 'number') return sqlNumber(value);
  return typeof value === 'string' ? sqlString(value) : String(value).toUpperCase();
}

/** The canonical value of a vocabulary column, or NULL when the text is not in the vocabulary. */
export function vocabularyExpr(type: ColumnSpec['type'], raw: string): string {
  const vocabulary = VOCABULARIES[type];
  if (!vocabulary) throw new Error(`${type} has no vocabulary`);
  const cases = [...vocabulary].map(([key, value]) => `WHEN ${sqlString(key)} THEN ${literal(value)}`);
  return `(CASE ${sqlValueKey(raw)} ${cases.join(' ')} END)`;
}

/** A number typed with separators, spaces or (for percentages) a trailing `%`, or NULL. */
export function numberExpr(raw: string, percent = false): string {
  const text = percent ? `regexp_replace(${raw}, '\\s*%$', '')` : raw;
  return `(CASE WHEN regexp_full_match(${text}, ${sqlString(NUMBER_PATTERN)}) THEN CAST(replace(${text}, ',', '') AS DOUBLE) END)`;
}

/** The typed value of a column from its raw text. */
export function typedExpr(column: ColumnSpec, raw: string): string {
  switch (column.type) {
    case 'whole': {
      const n = numberExpr(raw);
      return `(CASE WHEN ${n} = floor(${n}) THEN CAST(${n} AS BIGINT) END)`;
    }
    case 'decimal':
      return numberExpr(raw);
    case 'percent':
      return numberExpr(raw, true);
    case 'service':
      return `coalesce(${vocabularyExpr('service', raw)}, ${raw})`;
    case 'tier':
    case 'role':
    case 'level':
    case 'provider_type':
    case 'yes_no':
      return vocabularyExpr(column.type, raw);
    default:
      return raw;
  }
}

export interface Check {
  column: string;
  severity: 'error' | 'warning';
  /** True where a row breaks the rule. */
  when: string;
  /** SQL text expression for the message. */
  message: string;
  /**
   * Reported once per distinct value (case and surrounding spaces aside), with its row count and
   * first rows: `message` then reads `value` (the first row's spelling) and `after` follows the rows.
   */
  perValue?: { raw: string; after: string };
}

/** `(14 rows: 2, 9, 17, …)`: how many rows hold a value, and the first three. */
export const ROWS_TEXT_SQL = `'(' || count(*) || CASE WHEN count(*) = 1 THEN ' row: ' ELSE ' rows: ' END
  || array_to_string(list(_row ORDER BY _row)[1:3], ', ') || CASE WHEN count(*) > 3 THEN ', …' ELSE '' END || ')'`;

const found = (raw: string) => `'; found "' || left(${raw}, 80) || '"'`;

function rangeText(column: ColumnSpec): string {
  const { min, max, minExclusive } = column;
  const low = min === undefined ? '' : minExclusive ? `above ${min}` : `of ${min} or more`;
  if (max === undefined) return low;
  if (minExclusive) return `${low} and at most ${max}`;
  return `from ${min} to ${max}`;
}

const KIND_TEXT: Partial<Record<ColumnSpec['type'], string>> = {
  whole: 'a whole number',
  decimal: 'a number',
  percent: 'a percentage'
};

const VOCABULARY_TEXT: Partial<Record<ColumnSpec['type'], { noun: string; accepted: string }>> = {
  tier: { noun: 'a tier', accepted: '1, 2 or 3 (or Tier 1, T2, III, universal, targeted, intensive, …)' },
  role: { noun: 'a role', accepted: `${ROLES.map((r) => r.label.toLowerCase()).join(', ')}` },
  provider_type: { noun: 'a provider type', accepted: 'school or community' },
  yes_no: { noun: 'yes or no', accepted: 'yes or no (y/n, true/false, 1/0)' }
};

/** True where a mapping's `means` is a value the column's vocabulary accepts. */
export function vocabularyAccepts(type: ColumnSpec['type'], text: string): boolean {
  const vocabulary = VOCABULARIES[type];
  return !vocabulary || vocabulary.has(valueKey(text));
}

/** What a vocabulary column accepts, for messages: `school psychologist, school counselor, …`. */
export function acceptedText(type: ColumnSpec['type']): string | undefined {
  return VOCABULARY_TEXT[type]?.accepted;
}

/** The value checks of one column (blank required cells, numbers, ranges, vocabularies). */
export function columnChecks(column: ColumnSpec, raw: string, typed: string): Check[] {
  const name = column.name;
  const checks: Check[] = [];
  if (column.required) {
    checks.push({ column: name, severity: 'error', when: `${raw} IS NULL`, message: `'is required but blank'` });
  }
  const kindText = KIND_TEXT[column.type];
  if (kindText) {
    const bounds = [
      column.min !== undefined ? `${typed} ${column.minExclusive ? '<=' : '<'} ${sqlNumber(column.min)}` : '',
      column.max !== undefined ? `${typed} > ${sqlNumber(column.max)}` : ''
    ].filter(Boolean);
    const outside = bounds.length ? ` OR ${bounds.join(' OR ')}` : '';
    checks.push({
      column: name,
      severity: 'error',
      when: `${raw} IS NOT NULL AND (${typed} IS NULL${outside})`,
      message: `${sqlString(`must be ${kindText} ${rangeText(column)}`.trim())} || ${found(raw)}`
    });
  }
  const vocabularyText = VOCABULARY_TEXT[column.type];
  if (vocabularyText) {
    checks.push({
      column: name,
      severity: 'error',
      when: `${raw} IS NOT NULL AND ${typed} IS NULL`,
      message: sqlString(`" is not ${vocabularyText.noun} `),
      perValue: { raw, after: sqlString(`: ${vocabularyText.noun === 'yes or no' ? 'accepted are' : `${vocabularyText.noun.replace(/^a /, '')}s are`} ${vocabularyText.accepted}, or a mappings file says what it means`) }
    });
  }
  if (column.type === 'level') {
    checks.push({
      column: name,
      severity: 'warning',
      when: `${raw} IS NOT NULL AND ${typed} IS NULL`,
      message: sqlString(`" is not a level (${LEVELS.join(', ')}) `),
      perValue: { raw, after: `'; the level is left empty'` }
    });
  }
  if (column.type === 'service') {
    checks.push({
      column: name,
      severity: 'warning',
      when: `${raw} IS NOT NULL AND ${vocabularyExpr('service', raw)} IS NULL`,
      message: `'" is not a service type of the contract '`,
      perValue: { raw, after: `'; kept as written'` }
    });
  }
  return checks;
}

/** Column name of a contract column's raw text in the normalized table. */
export const rawName = (column: string) => sqlIdent(`raw:${column}`);

/**
 * A cell as read: trimmed, blank as NULL, `="0123"` (how some exports keep leading zeros) as the
 * text inside, and ELSI's `†`, `–`, `‡` (not applicable, below standards, missing) as blank.
 */
export function cellExpr(cell: string): string {
  return `(CASE WHEN trim(${cell}) IN ('†', '–', '‡') THEN NULL ELSE nullif(regexp_replace(trim(${cell}), '^="(.*)"$', '\\1'), '') END)`;
}

/** What the mappings say a column's values mean: `value → means`, matched as `lower(trim(raw))`. */
export interface ColumnMappings {
  replace: { value: string; means: string }[];
  leaveOut: string[];
}

/** A file's mappings by column, split into replacements and values whose rows are left out. */
export function columnMappings(spec: FileSpec, mappings: ValueMapping[]): Record<string, ColumnMappings> {
  const byColumn: Record<string, ColumnMappings> = {};
  for (const m of mappings) {
    if (!spec.columns.some((c) => c.name === m.column)) continue;
    const entry = (byColumn[m.column] ??= { replace: [], leaveOut: [] });
    if (isLeaveOut(m.means)) entry.leaveOut.push(m.value);
    else entry.replace.push({ value: m.value, means: m.means });
  }
  return byColumn;
}

function mappedExpr(raw: string, mappings: ColumnMappings | undefined): string {
  if (!mappings?.replace.length) return raw;
  const cases = mappings.replace.map((m) => `WHEN ${sqlString(mappingKey(m.value))} THEN ${sqlString(m.means)}`);
  return `(CASE lower(${raw}) ${cases.join(' ')} ELSE ${raw} END)`;
}

/**
 * The normalized table: for every contract column its raw text (mapped as the mappings say) and
 * typed value, the unknown columns as an `extra` map of header → text, and, for a row the
 * mappings leave out, the column and value that did (`_left_out_column`, `_left_out_value`).
 */
export function normalizeSql(
  spec: FileSpec,
  resolution: HeaderResolution,
  stage: string,
  target: string,
  mappings: Record<string, ColumnMappings> = {},
  /** Cells carried as they are under a name of their own (CCD status columns), and staging columns passed through. */
  carry: { name: string; index: number }[] = [],
  passThrough: string[] = []
): string {
  const raws = ['_row'];
  const typed = ['_row'];
  const leaveOut: { column: string; cell: string; values: string[] }[] = [];
  for (const column of spec.columns) {
    const index = resolution.columns[column.name];
    const cell = index === undefined ? `NULL::VARCHAR` : cellExpr(`c${index}`);
    raws.push(`${mappedExpr(cell, mappings[column.name])} AS ${rawName(column.name)}`);
    typed.push(rawName(column.name), `CAST(${typedExpr(column, rawName(column.name))} AS ${SQL_TYPES[column.type]}) AS ${sqlIdent(column.name)}`);
    const leave = mappings[column.name]?.leaveOut ?? [];
    if (index !== undefined && leave.length) leaveOut.push({ column: column.name, cell, values: leave.map(mappingKey) });
  }
  raws.push(`${extrasExpr(resolution.extras)} AS extra`);
  typed.push('extra');
  for (const c of carry) {
    raws.push(`${cellExpr(`c${c.index}`)} AS ${sqlIdent(c.name)}`);
    typed.push(sqlIdent(c.name));
  }
  raws.push(...passThrough.map(sqlIdent));
  typed.push(...passThrough.map(sqlIdent));
  const which = (pick: (l: (typeof leaveOut)[number]) => string) =>
    leaveOut.length ? `CASE ${leaveOut.map((l) => `WHEN lower(${l.cell}) IN (${l.values.map(sqlString).join(', ')}) THEN ${pick(l)}`).join(' ')} END` : 'NULL::VARCHAR';
  raws.push(`${which((l) => sqlString(l.column))} AS _left_out_column`, `${which((l) => l.cell)} AS _left_out_value`);
  typed.push('_left_out_column', '_left_out_value');
  return `CREATE OR REPLACE TEMP TABLE ${target} AS SELECT ${typed.join(',\n  ')} FROM (SELECT ${raws.join(',\n  ')} FROM ${stage})`;
}

function extrasExpr(extras: HeaderResolution['extras']): string {
  if (extras.length === 0) return 'MAP()::MAP(VARCHAR, VARCHAR)';
  // Map keys must be unique: a second "Notes" header becomes "Notes (2)".
  const seen = new Map<string, number>();
  const keys = extras.map((e) => {
    const header = e.header || `column ${e.index + 1}`;
    const count = (seen.get(header) ?? 0) + 1;
    seen.set(header, count);
    return sqlString(count === 1 ? header : `${header} (${count})`);
  });
  return `MAP([${keys.join(', ')}], [${extras.map((e) => cellExpr(`c${e.index}`)).join(', ')}])`;
}

/** Every check of a file as one query over its normalized table: `(row, column, message, severity)`. */
export function problemsSql(spec: FileSpec, norm: string, schoolIds: string, schoolsFile: string): string {
  const selects: string[] = [];
  const add = (c: Check) =>
    selects.push(
      c.perValue
        ? `SELECT min(_row) AS row, ${sqlString(c.column)} AS column,
             '"' || left(arg_min(${c.perValue.raw}, _row), 80) || ${c.message} || ${ROWS_TEXT_SQL} || ${c.perValue.after} AS message,
             ${sqlString(c.severity)} AS severity, arg_min(${c.perValue.raw}, _row) AS value, count(*)::INTEGER AS rows
           FROM ${norm} WHERE ${c.when} GROUP BY lower(${c.perValue.raw})`
        : `SELECT _row AS row, ${sqlString(c.column)} AS column, ${c.message} AS message, ${sqlString(c.severity)} AS severity,
             NULL::VARCHAR AS value, NULL::INTEGER AS rows FROM ${norm} WHERE ${c.when}`
    );
  for (const column of spec.columns) {
    for (const check of columnChecks(column, rawName(column.name), sqlIdent(column.name))) add(check);
    if (column.type === 'id') {
      selects.push(`SELECT _row AS row, ${sqlString(column.name)} AS column,
        ${sqlString(`${column.name} "`)} || left(${rawName(column.name)}, 80) || '" appears more than once (first on row ' || first_row || ')' AS message,
        'error' AS severity, NULL::VARCHAR AS value, NULL::INTEGER AS rows
        FROM (SELECT _row, ${rawName(column.name)}, min(_row) OVER (PARTITION BY ${sqlIdent(column.name)}) AS first_row FROM ${norm} WHERE ${sqlIdent(column.name)} IS NOT NULL)
        WHERE _row > first_row`);
    }
    if (column.type === 'school_ref') {
      const id = sqlIdent(column.name);
      add({
        column: column.name,
        severity: 'error',
        when: `${id} IS NOT NULL AND ${id} <> '*' AND ${id} NOT IN (SELECT school_id FROM ${schoolIds} WHERE school_id IS NOT NULL)`,
        message: sqlString(`" is not in ${schoolsFile} `),
        perValue: { raw: rawName(column.name), after: `''` }
      });
      if (!column.allowsEveryone) {
        add({ column: column.name, severity: 'error', when: `${id} = '*'`, message: sqlString('"*" (every school) is only for services; name one school') });
      }
    }
  }
  if (spec.columns.some((c) => c.name === 'latitude')) {
    for (const [given, absent] of [
      ['latitude', 'longitude'],
      ['longitude', 'latitude']
    ]) {
      add({
        column: absent,
        severity: 'error',
        when: `${rawName(given)} IS NOT NULL AND ${rawName(absent)} IS NULL`,
        message: sqlString(`is blank where ${given} is given: give both coordinates or neither`)
      });
    }
  }
  // Within a row, problems come in the order of the file's columns and checks.
  return selects.map((select, i) => `SELECT *, ${i} AS check_order FROM (${select})`).join('\nUNION ALL\n');
}
