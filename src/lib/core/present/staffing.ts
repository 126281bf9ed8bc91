/**
 * A staffing figure a source did not report (a CRDC reserve code) reads as such on every page,
 * report and export: never as zero staff, and never as a dash that looks like none.
 */
import { count, fteAligned } from './numbers';

export const NOT_REPORTED = 'not reported';

/** FTE, students per FTE and FTE gap of a school and role, as shown. */
export function staffingFigures(s: { fte: number | null; students_per_fte: number | null; fte_gap: number | null; reported: boolean }): [string, string, string] {
  if (!s.reported) return [NOT_REPORTED, '', ''];
  return [fteAligned(s.fte), count(s.students_per_fte), fteAligned(s.fte_gap)];
}

/** "3 schools did not report: left out of these figures", for a district's role where any did not. */
export function notReportedNote(schools: number): string {
  return schools > 0 ? `${count(schools)} ${schools === 1 ? 'school did' : 'schools did'} not report this role: left out of its district figures` : '';
}
