import { unzipSync } from 'fflate';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { reportCsv } from '../../src/lib/core/export/report/csv';
import { districtDocx } from '../../src/lib/core/export/report/docx';
import { districtHtml } from '../../src/lib/core/export/report/html';
import { buildReport } from '../../src/lib/core/export/report/model';
import { reportXlsx } from '../../src/lib/core/export/report/xlsx';
import { schoolsZip } from '../../src/lib/core/export/report/zip';
import {
  STAFFING_COLUMNS,
  staffing,
  SURVEY_SUMMARY_COLUMNS,
  surveySummary,
  TIER_GAP_COLUMNS,
  tierGaps
} from '../../src/lib/core/model/model';

/**
 * Every file the product writes from what is loaded: `analyze`'s three CSVs, and the Reports
 * page's district report (HTML, DOCX, XLSX, the CSV tables) and all schools' HTML and DOCX in one
 * ZIP (the same files as one school's download and `report`'s schools/ folder). `made` fixes the
 * date the reports print, so two calls can be compared.
 */
export async function everyExport(engine: Engine, made: Date): Promise<Record<string, string | Uint8Array>> {
  const report = await buildReport(engine, { made });
  const files: Record<string, string | Uint8Array> = {
    'analyze/tier_gaps.csv': toCsv(await tierGaps(engine), TIER_GAP_COLUMNS),
    'analyze/staffing.csv': toCsv(await staffing(engine), STAFFING_COLUMNS),
    'district.html': districtHtml(report),
    'district.docx': await districtDocx(report),
    'district.xlsx': await reportXlsx(report),
    ...Object.fromEntries(Object.entries(reportCsv(report)).map(([name, text]) => [`district-csv/${name}`, text])),
    'school-reports.zip': await schoolsZip(report)
  };
  if (report.survey) files['analyze/survey_summary.csv'] = toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS);
  return files;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Each file's content as text, with every ZIP (DOCX, XLSX, a ZIP of reports) opened into its
 * entries, `outer/inner` by name. Bytes that are not UTF-8 (a PNG) are given as base64, so that
 * equal output means equal bytes.
 */
export function unpacked(files: Record<string, string | Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') out[name] = content;
    else if (ZIP.every((b, i) => content[i] === b)) {
      for (const [entry, text] of Object.entries(unpacked(unzipSync(content)))) out[`${name}/${entry}`] = text;
    } else {
      try {
        out[name] = utf8.decode(content);
      } catch {
        out[name] = `base64:${Buffer.from(content).toString('base64')}`;
      }
    }
  }
  return out;
}

/** The entries of `unpacked` files that hold `needle`, in their text or in it with markup taken out (a DOCX may split a run). */
export function entriesHolding(texts: Record<string, string>, needle: string): string[] {
  return Object.entries(texts)
    .filter(([, text]) => text.includes(needle) || text.replace(/<[^>]+>/g, '').includes(needle))
    .map(([name]) => name);
}
