/**
 * The report as a workbook (exceljs): one sheet per table, numbers as numbers, text through
 * cellText so nothing from the data runs as a formula. Number formats only change how a figure
 * shows; the cell holds the plain value.
 */
import ExcelJS from 'exceljs';
import { PARTNERSHIP_ELEMENTS } from '../../plan/types';
import { cellText, formatNumber } from '../format';
import type { Report } from './model';
import {
  districtStaffingRows,
  districtTierRows,
  providerRows,
  staffingRows,
  surveyRows,
  tierGapRows,
  type RowTable,
  type Value
} from './rows';
import { describeChanges, districtTitle, schoolNamer, wholeDistrict } from '../../present';

/** A cell's value: numbers as the contract writes them (float noise rounded off), text escaped. */
function value(v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? Number(formatNumber(v)) : null;
  if (typeof v === 'boolean') return v;
  return cellText(v);
}

const FORMATS: Record<string, string> = {
  need: '#,##0',
  capacity: '#,##0',
  gap: '#,##0',
  coverage: '0%',
  scenario_coverage: '0%',
  fte: '0.00',
  fte_needed: '0.00',
  fte_gap: '0.00',
  students_per_fte: '#,##0',
  pct_favorable: '0.0',
  mean: '0.00'
};

function addSheet(workbook: ExcelJS.Workbook, name: string, table: RowTable): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c,
    key: c,
    width: Math.max(c.length + 2, /name|provider|funding/.test(c) ? 32 : 12),
    style: FORMATS[c] ? { numFmt: FORMATS[c] } : {}
  }));
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => value(row[c])));
  sheet.getRow(1).font = { bold: true };
  if (table.rows.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return sheet;
}

/** Rows of label and value, for the About and Scenario sheets. */
function addBlock(sheet: ExcelJS.Worksheet, rows: Value[][], bold = false): void {
  for (const r of rows) {
    const row = sheet.addRow(r.map(value));
    if (bold) row.font = { bold: true };
  }
}

/** The district's workbook as XLSX bytes. */
export async function reportXlsx(report: Report): Promise<Uint8Array> {
  const { district } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Continuum';
  // The report's date, not the clock, so the same report makes the same workbook.
  workbook.created = workbook.modified = new Date(`${district.made}T00:00:00Z`);
  workbook.title = `${districtTitle(district.name)}: mental health gap report`;

  addSheet(workbook, 'Tier gaps', tierGapRows(report));
  addSheet(workbook, 'Staffing', staffingRows(report));
  addSheet(workbook, 'Providers', providerRows(report));
  if (report.survey) addSheet(workbook, 'Survey', surveyRows(report));
  addSheet(workbook, 'District tiers', districtTierRows(report));
  addSheet(workbook, 'District staffing', districtStaffingRows(report));

  if (report.scenario) {
    const scenario = report.scenario;
    const name = schoolNamer(report.schools);
    const sheet = workbook.addWorksheet('Scenario');
    sheet.columns = [{ width: 22 }, ...Array.from({ length: 8 }, () => ({ width: 16 }))];
    addBlock(sheet, [['Scenario', scenario.name]], true);
    addBlock(sheet, [['Changes']], true);
    addBlock(sheet, describeChanges(scenario.changes, name).map((c) => [c.text]));
    sheet.addRow([]);
    const tierColumns = ['tier', 'need', 'capacity', 'gap', 'coverage', 'scenario_need', 'scenario_capacity', 'scenario_gap', 'scenario_coverage'] as const;
    addBlock(sheet, [[...tierColumns]], true);
    addBlock(sheet, scenario.tiers.map((t) => tierColumns.map((c) => t[c])));
    sheet.addRow([]);
    const staffColumns = ['role', 'fte', 'scenario_fte', 'schools_meeting', 'scenario_schools_meeting', 'cost'] as const;
    addBlock(sheet, [[...staffColumns]], true);
    addBlock(sheet, scenario.staffing.map((s) => staffColumns.map((c) => s[c])));
  }

  if (report.priorities?.length) {
    const name = schoolNamer(report.schools);
    addSheet(workbook, 'Priorities', {
      columns: ['school_id', 'school_name', 'tier', 'goal', 'strategy', 'action_steps', 'person_responsible', 'timeline', 'resources', 'measure_of_success'],
      rows: report.priorities.map((p) => ({ ...p, school_name: p.school_id === '*' ? wholeDistrict(district.name) : name(p.school_id), tier: p.tier ?? null, scenario_id: null }))
    });
  }

  if (report.readiness) {
    const readiness = report.readiness;
    addSheet(workbook, 'Readiness', {
      columns: ['element', 'level', 'note'],
      rows: PARTNERSHIP_ELEMENTS.map((e) => ({ element: e.label, level: readiness[e.id]?.level ?? 'not rated', note: readiness[e.id]?.note ?? '' }))
    });
  }

  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 28 }, { width: 48 }, { width: 12 }, { width: 18 }];
  addBlock(about, [['Mental health gap report for the school improvement plan']], true);
  addBlock(about, [
    ['District', district.name],
    ['Made', district.made],
    ['Made by', 'Continuum']
  ]);
  about.addRow([]);
  addBlock(about, [['Input', 'File', 'Rows', 'Loaded']], true);
  addBlock(about, district.inputs.map((f) => [f.kind, f.file_name, f.rows, f.loaded_at]));
  about.addRow([]);
  addBlock(about, [['Role', 'Recommended students per FTE']], true);
  addBlock(about, district.settings.ratios.map((r) => [r.role, r.ratio]));
  about.addRow([]);
  addBlock(about, [['Tier', 'Share of enrollment in need where no screening count exists']], true);
  addBlock(about, district.settings.tierRates.map((t) => [t.tier, t.rate]));
  about.addRow([]);
  addBlock(about, [['Survey suppression threshold', district.settings.suppressionThreshold]]);
  workbook.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
