/**
 * The unknown values of a failed load, as the Load data page offers them: each value once (the
 * core already reports one problem per file, column and distinct value), with the meanings the
 * user may choose and a suggestion where the words leave no doubt.
 */
import { INPUT_FILES, type InputFileKind } from '$lib/core/contract/files';
import { LEAVE_OUT, MAPPING_FILES, MISSING, mappingKey, type MappingFile, type ValueMapping } from '$lib/core/contract/mappings';
import type { Problem } from '$lib/core/import/problems';
import { meaningChoices, suggestMeaning, suggestSchool } from '$lib/core/import/values';
import { suggestSurveyMeaning, surveyMeaningChoices } from '$lib/core/survey/values';
import type { SurveyTemplate } from '$lib/core/survey/template';

export interface Choice {
  value: string;
  label: string;
}

export interface SchoolOption {
  school_id: string;
  school_name: string;
}

export interface UnknownValue {
  /** file kind, column and value as matched: one line per key. */
  key: string;
  /** The file's name as dropped. */
  file: string;
  kind: MappingFile;
  column: string;
  /** As first written in the file. */
  value: string;
  rows: number;
  /** The first rows that hold it, as the core's message lists them: `2, 9, 17, …`. */
  firstRows: string;
  /** The meanings offered, `leave out` (and for survey answers `missing`) among them. */
  choices: Choice[];
  /** A meaning where the words leave no doubt; only ever pre-selected, never applied unasked. */
  suggestion?: string;
  /** The value names a school: the choices are the schools, and the picker can be searched. */
  names: 'school' | 'value';
}

export const LEAVE_OUT_CHOICE: Choice = { value: LEAVE_OUT, label: 'Leave these rows out' };
export const MISSING_CHOICE: Choice = { value: MISSING, label: 'No answer (missing)' };

export const valueKey = (m: { file?: string; kind?: string; column?: string; value: string }) =>
  `${m.kind ?? m.file}\u0000${m.column ?? ''}\u0000${mappingKey(m.value)}`;

const isMappingFile = (kind: string | undefined): kind is MappingFile => MAPPING_FILES.includes(kind as MappingFile);

/** `(14 rows: 2, 9, 17, …)` in the core's message: the first rows; else the problem's own row. */
function firstRowsOf(p: Problem): string {
  const listed = /\(\s*[\d,]+\s+rows?:\s*([^)]*)\)/.exec(p.message)?.[1];
  return listed?.trim() || String(p.row);
}

/** A problem that names one value for all the rows that hold it, in a file whose values can be mapped. */
export function isUnknownValue(p: Problem): boolean {
  return p.severity === 'error' && p.value !== undefined && p.rows !== undefined && !!p.column && isMappingFile(p.kind);
}

const schoolChoices = (schools: SchoolOption[]): Choice[] => schools.map((s) => ({ value: s.school_id, label: `${s.school_name} (${s.school_id})` }));

/**
 * The unknown values among a load's errors, once each, in the order the files report them, and
 * the other errors. `schools` are the schools a school column's value may mean (those loaded).
 */
export function unknownValues(
  errors: Problem[],
  { schools = [], templates = [] }: { schools?: SchoolOption[]; templates?: SurveyTemplate[] } = {}
): { unknown: UnknownValue[]; other: Problem[] } {
  const unknown: UnknownValue[] = [];
  const other: Problem[] = [];
  const seen = new Set<string>();
  for (const p of errors) {
    if (!isUnknownValue(p)) {
      other.push(p);
      continue;
    }
    const kind = p.kind as MappingFile;
    // A survey value maps by item id or `school`, not by the header the form tool gave the column.
    const column = p.mapAs ?? p.column!;
    const value = p.value!;
    const key = valueKey({ kind, column, value });
    if (seen.has(key)) continue;
    seen.add(key);
    let choices: Choice[];
    let suggestion: string | undefined;
    let names: UnknownValue['names'] = 'value';
    if (kind === 'survey' && column === 'school') {
      names = 'school';
      choices = [...schoolChoices(schools), LEAVE_OUT_CHOICE];
      suggestion = suggestSchool(value, schools);
    } else if (kind === 'survey') {
      const template = templates.find((t) => t.items.some((i) => i.id === column));
      choices = template ? surveyMeaningChoices(template, column, schools) : [MISSING_CHOICE, LEAVE_OUT_CHOICE];
      suggestion = template ? suggestSurveyMeaning(template, column, value, schools) : undefined;
    } else {
      const spec = INPUT_FILES[kind as InputFileKind].columns.find((c) => c.name === column);
      if (!spec) {
        other.push(p);
        continue;
      }
      if (spec.type === 'school_ref') {
        names = 'school';
        choices = [...schoolChoices(schools), LEAVE_OUT_CHOICE];
        suggestion = suggestSchool(value, schools);
      } else {
        choices = meaningChoices(spec) ?? [LEAVE_OUT_CHOICE];
        suggestion = suggestMeaning(spec, value, schools);
      }
    }
    if (suggestion !== undefined && !choices.some((c) => c.value === suggestion)) suggestion = undefined;
    unknown.push({ key, file: p.file, kind, column, value, rows: p.rows!, firstRows: firstRowsOf(p), choices, suggestion, names });
  }
  return { unknown, other };
}

/** The mappings the user confirmed, from their choices (key → means); values without a choice are left out of it. */
export function chosenMappings(unknown: UnknownValue[], chosen: Record<string, string>): ValueMapping[] {
  return unknown.flatMap((u) => (chosen[u.key] ? [{ file: u.kind, column: u.column, value: u.value, means: chosen[u.key] }] : []));
}

/** What a kept mapping means, in words: "School psychologist", "Leave these rows out", a school's name. */
export function meaningLabel(m: ValueMapping, schools: SchoolOption[] = []): string {
  if (m.means === LEAVE_OUT) return LEAVE_OUT_CHOICE.label;
  if (m.means === MISSING) return MISSING_CHOICE.label;
  if (m.file !== 'survey') {
    const spec = INPUT_FILES[m.file].columns.find((c) => c.name === m.column);
    if (spec?.type === 'school_ref') {
      const school = schools.find((s) => s.school_id === m.means);
      return school ? `${school.school_name} (${school.school_id})` : m.means;
    }
    const choice = spec && meaningChoices(spec)?.find((c) => c.value === m.means);
    if (choice) return choice.label;
  } else if (m.column === 'school') {
    const school = schools.find((s) => s.school_id === m.means);
    if (school) return `${school.school_name} (${school.school_id})`;
  }
  return m.means;
}

/**
 * A load's warnings as the Load data page lists them: what was left out or changed first, then
 * each file's one note on the columns kept as extra attributes (a CCD directory has sixty of
 * them), so the warnings that matter are not buried under the notes that do not.
 */
export function summarizeWarnings(warnings: Problem[]): Problem[] {
  return [...warnings.filter((w) => !w.columns), ...warnings.filter((w) => w.columns)];
}
