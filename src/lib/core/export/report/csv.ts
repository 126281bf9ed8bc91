/** The report's tables as CSV files, written by the same toCsv as `analyze`. */
import { toCsv } from '../csv';
import type { Report } from './model';
import { providerRows, staffingRows, surveyRows, tierGapRows, type RowTable } from './rows';

const csv = (table: RowTable) => toCsv(table.rows, table.columns);

/** File name → CSV text: tier gaps, staffing, providers and, with a survey, its summary. */
export function reportCsv(report: Report): Record<string, string> {
  const files: Record<string, string> = {
    'tier_gaps.csv': csv(tierGapRows(report)),
    'staffing.csv': csv(staffingRows(report)),
    'providers.csv': csv(providerRows(report))
  };
  if (report.survey) files['survey_summary.csv'] = csv(surveyRows(report));
  return files;
}
