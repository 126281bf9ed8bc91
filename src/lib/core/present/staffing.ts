/**
 * Staffing figures as people read them, where a school may not have reported a role (a CRDC
 * reserve code such as -9): such a cell reads "not reported", never 0 staff, "no one" or a dash
 * that looks like none. The app's tables and the reports read these same words.
 */
import { count, fte, fteAligned, ratio } from './numbers';

/** What a school's staffing cell says where the school did not report the role. */
export const NOT_REPORTED = 'not reported';

/**
 * A staffing row (of the `staffing` view, or a role's district row) whose figures are not
 * reported: `reported` false, or, where only the figures are at hand, an FTE that is empty (the
 * model gives a reported role with no one in it 0 FTE, never an empty one).
 */
export function isNotReported(row: { fte: number | null | undefined; reported?: boolean | null }): boolean {
  return row.reported === false || row.fte === null || row.fte === undefined;
}

/** FTE in a staffing row: `1.5`, `0.0`, or "not reported". */
export function staffFte(row: { fte: number | null | undefined; reported?: boolean | null }): string {
  return isNotReported(row) ? NOT_REPORTED : fte(row.fte);
}

/** Students per FTE in a staffing row: `1:250`, "no one" (reported, and no one in the role), or "not reported". */
export function staffRatio(row: { fte: number | null | undefined; students_per_fte: number | null | undefined; reported?: boolean | null }): string {
  return isNotReported(row) ? NOT_REPORTED : ratio(row.students_per_fte);
}

/** The FTE short of the ratio in a staffing row, as a figure: `0.5`, or "not reported". */
export function staffGap(row: { fte: number | null | undefined; fte_gap: number | null | undefined; reported?: boolean | null }): string {
  return isNotReported(row) || row.fte_gap === null || row.fte_gap === undefined ? NOT_REPORTED : fte(row.fte_gap);
}

/**
 * The note beside a district staffing row whose ratios leave schools out: "3 schools did not
 * report"; empty where every school reported.
 */
export function schoolsNotReportedText(schools: number | null | undefined): string {
  if (!schools || schools <= 0) return '';
  return `${count(schools)} ${schools === 1 ? 'school' : 'schools'} did not report`;
}

/** The same, as a sentence saying what it does to the district's figures. */
export function schoolsNotReportedSentence(schools: number | null | undefined): string {
  const text = schoolsNotReportedText(schools);
  return text ? `${text}: their FTE is not in the total, and the district ratio leaves their students out.` : '';
}

/** FTE, students per FTE and FTE gap of a school and role as a printed table aligns them. */
export function staffingFigures(row: { fte: number | null; students_per_fte: number | null; fte_gap: number | null; reported?: boolean | null }): [string, string, string] {
  if (isNotReported(row)) return [NOT_REPORTED, '', ''];
  return [fteAligned(row.fte), count(row.students_per_fte), fteAligned(row.fte_gap)];
}

/** The report's note under a role's district row: "2 schools did not report this role: left out of its district figures". */
export function notReportedNote(schools: number): string {
  return schools > 0 ? `${count(schools)} ${schools === 1 ? 'school did' : 'schools did'} not report this role: left out of its district figures` : '';
}
