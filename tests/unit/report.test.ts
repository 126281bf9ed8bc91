/**
 * The gap report (src/lib/core/export/report/) against DuckDB itself: a small hand district with
 * hostile names, read back from every format it is written in (HTML, DOCX, XLSX, CSV, ZIP).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { formatNumber } from '../../src/lib/core/export/format';
import { reportCsv } from '../../src/lib/core/export/report/csv';
import { districtDocx, schoolDocx } from '../../src/lib/core/export/report/docx';
import { safeFileName, schoolFileNames } from '../../src/lib/core/export/report/files';
import { districtHtml, schoolHtml } from '../../src/lib/core/export/report/html';
import { buildReport, type Report } from '../../src/lib/core/export/report/model';
import { reportXlsx } from '../../src/lib/core/export/report/xlsx';
import { schoolsZip } from '../../src/lib/core/export/report/zip';
import { count, percentText, scaleMean, shareText } from '../../src/lib/core/present';
import { importSurvey } from '../../src/lib/core/survey/import';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { clearDistrict, load, openEngine, text } from '../helpers/district';

const SCRIPT = '<script>alert(1)</script>';
const HYPERLINK = '=HYPERLINK("x")';
const AT_SUM = '@SUM(1)';

const SCHOOLS = `school_id,school_name,enrollment,level
A,${SCRIPT},400,elementary
B,${AT_SUM},200,middle
C,Cedar High School,300,high
`;
const STAFF = `school_id,role,fte
A,school_counselor,1
B,school_psychologist,0.5
C,school_counselor,1.5
C,school_nurse,0.4
`;
const SERVICES = `school_id,provider,provider_type,service,tier,capacity,agreement
A,"=HYPERLINK(""x"")",community,individual_counseling,3,7,yes
A,Alder Student Support Team,school,group_counseling,2,30,
B,Birch Counseling Office,school,check_in_check_out,2,25,
C,Cedar Teachers,school,sel_curriculum,1,300,
*,County Mobile Crisis Team,community,crisis_intervention,3,45,no
`;
const NEEDS = `school_id,tier,students
A,2,52
`;

const TEMPLATE = parseTemplate('family-midyear', readFileSync(join(import.meta.dirname, '..', '..', 'survey-templates', 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
const ITEMS = TEMPLATE.items.map((i) => i.id);

/**
 * 12 families at A answer 4 everywhere; 3 at B, fewer than the threshold of 10, answer so that
 * every construct's figures are unusual (1 of 6 favorable, mean 2.1666…), easy to spot if leaked.
 */
function surveyFile() {
  const rows = [['school_id', ...ITEMS].join(',')];
  for (let i = 0; i < 12; i++) rows.push(['A', ...ITEMS.map(() => '4')].join(','));
  const b = [
    [4, 1, 5, 5, 4, 5, 5, 4, 4],
    [1, 2, 4, 4, 1, 2, 4, 5, 4],
    [2, 3, 4, 1, 3, 2, 2, 1, 1]
  ];
  for (const answers of b) rows.push(['B', ...answers].join(','));
  return text('family-survey.csv', rows.join('\n') + '\n');
}

const MADE = new Date('2027-01-15T16:00:00Z');

let engine: Engine;
let report: Report;
/** B's withheld figures as the survey would give them, read straight from the answers. */
let hidden: { construct: string; pct: number; mean: number }[];

beforeAll(async () => {
  engine = await openEngine();
  await clearDistrict(engine);
  const outcome = await load(engine, {
    schools: text('schools.csv', SCHOOLS),
    staff: text('staff.csv', STAFF),
    services: text('services.csv', SERVICES),
    needs: text('needs.csv', NEEDS)
  });
  expect(outcome.errors).toEqual([]);
  const survey = await importSurvey(engine, surveyFile(), TEMPLATE);
  expect(survey.errors).toEqual([]);
  hidden = await engine.query(`
    SELECT i.construct, 100.0 * count(*) FILTER (WHERE p.favorable) / count(*) AS pct, avg(a.value) AS mean
    FROM survey_answers a JOIN survey_responses r USING (respondent) JOIN survey_items i USING (item_id)
      JOIN survey_scale_points p ON p.scale = i.scale AND p.value = a.value
    WHERE r.school_id = 'B' GROUP BY i.construct`);
  report = await buildReport(engine, { districtName: 'Harbor City Public Schools', made: MADE });
});
afterAll(() => engine.close());

const school = (id: string) => report.schools.find((s) => s.school_id === id)!;

/** Text of an HTML document as a reader sees it: tags out, entities decoded. */
function htmlText(html: string): string {
  return decode(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

function decode(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The runs of text in a DOCX's document.xml, decoded, one entry per <w:t>. */
function docxTexts(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]));
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book;
}

/** Sheet rows as objects keyed by the header row. */
function sheetRows(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

/**
 * Every way B's withheld figures could be written: as the renderers format them, and plainly.
 * A whole percentage (83%) is left out: other figures can read the same by chance; B's rows are
 * checked for it instead.
 */
function leaks(textContent: string): string[] {
  const found: string[] = [];
  for (const h of hidden) {
    for (const form of [formatNumber(h.pct), formatNumber(h.mean), String(h.pct), String(h.mean), scaleMean(h.mean)]) {
      if (textContent.includes(form)) found.push(`${h.construct}: ${form}`);
    }
  }
  return found;
}

describe('the report object', () => {
  it('holds the district, its inputs and settings, and every school in file order', () => {
    expect(report.district.name).toBe('Harbor City Public Schools');
    expect(report.district.made).toBe('2027-01-15');
    expect(report.district.inputs.map((f) => f.kind)).toEqual(['schools', 'staff', 'services', 'needs', 'survey']);
    expect(report.district.inputs.map((f) => f.file_name)).toContain('family-survey.csv');
    expect(report.district.settings.ratios.map((r) => r.ratio)).toEqual([500, 250, 250, 750]);
    expect(report.district.settings.tierRates).toEqual([
      { tier: 1, rate: 1 },
      { tier: 2, rate: 0.15 },
      { tier: 3, rate: 0.05 }
    ]);
    expect(report.district.settings.suppressionThreshold).toBe(10);
    expect(report.schools.map((s) => s.school_id)).toEqual(['A', 'B', 'C']);
    expect(report.tiers.map((t) => t.tier)).toEqual([1, 2, 3]);
    expect(report.survey?.constructs).toEqual(['awareness', 'access', 'communication', 'satisfaction', 'climate']);
    expect(report.scenario).toBeUndefined();
  });

  it('gives each school its tier gaps, with the need source, as the model computes them', async () => {
    const a = school('A');
    expect(a.tiers.map((t) => [t.tier, t.need, t.need_source])).toEqual([
      [1, 400, 'rate'],
      [2, 52, 'screening'],
      [3, 20, 'rate']
    ]);
    // Tier 3 at A: its own 7 plus its share of the crisis team's 45 (need 20 of 20 + 10 + 15).
    const t3 = a.tiers[2];
    expect(t3.capacity).toBeCloseTo(7 + (45 * 20) / 45, 9);
    expect(t3.gap).toBe(Math.max(20 - t3.capacity, 0));
    expect(t3.coverage).toBeCloseTo(t3.capacity / 20, 9);
  });

  it("lists each school's providers, district-wide ones at the school's share, adding up to its capacity", () => {
    for (const s of report.schools) {
      for (const t of s.tiers) {
        const sum = s.providers.filter((p) => p.tier === t.tier).reduce((n, p) => n + p.capacity, 0);
        expect(sum).toBeCloseTo(t.capacity, 9);
      }
    }
    const crisis = school('B').providers.find((p) => p.district_wide)!;
    expect(crisis).toMatchObject({ provider: 'County Mobile Crisis Team', shared_from: 45, agreement: false });
    expect(crisis.capacity).toBeCloseTo((45 * 10) / 45, 9);
    expect(school('A').providers.map((p) => p.provider)).toContain(HYPERLINK);
  });

  it('carries no figure at all for a withheld survey cell', () => {
    const b = school('B');
    expect(b.survey).toHaveLength(5);
    for (const cell of b.survey) expect(Object.keys(cell).sort()).toEqual(['construct', 'suppressed']);
    expect(leaks(JSON.stringify(report))).toEqual([]);
    expect(school('A').survey[0]).toEqual({ construct: 'awareness', suppressed: false, n: 12, pct_favorable: 100, mean: 4 });
    expect(school('C').survey).toEqual([]);
  });
});

describe('HTML', () => {
  it('is one self-contained document: escaped text, no script, no external resource', () => {
    for (const html of [districtHtml(report), ...report.schools.map((s) => schoolHtml(report, s))]) {
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\b(src|href)\s*=/i);
      // The SVG namespace is a name, not a resource: nothing else may name another host.
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/@import|url\(|https?:\/\//i);
      expect(html).toContain('thead { display: table-header-group; }');
      expect(html).toContain('tr, figure, .priority { break-inside: avoid; }');
      expect(html).toMatch(/@page \{/);
    }
    const page = schoolHtml(report, school('A'));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The running header is a CSS string: `<` is a CSS escape there, so no tag can open.
    expect(page).toContain('\\3c script>alert(1)\\3c /script>');
    expect(htmlText(page)).toContain(SCRIPT);
  });

  it("shows a school's figures and its providers, and the chart in the report's colours", () => {
    const a = school('A');
    const page = htmlText(schoolHtml(report, a));
    const t3 = a.tiers[2];
    expect(page).toContain(`Tier 3 (intensive) ${count(t3.need)} 5% of enrollment ${count(t3.capacity)} ${count(t3.gap)} ${shareText(t3.coverage)}`);
    expect(page).toContain('Tier 2 (targeted) 52 screening count');
    expect(page).toContain(HYPERLINK);
    expect(page).toContain('County Mobile Crisis Team (district-wide)');
    const html = schoolHtml(report, a);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('fill="#f1a340"');
    expect(html).toContain('fill="#542788"');
    expect(page).toContain('Need (students)');

    const district = htmlText(districtHtml(report));
    expect(district).toContain('Harbor City Public Schools');
    for (const s of report.schools) expect(district).toContain(s.school_name);
    for (const t of report.tiers) expect(district).toContain(`${count(t.need)} ${count(t.capacity)} ${count(t.gap)} ${shareText(t.coverage)}`);
  });

  it('shows a withheld survey cell as n<10, and its figures nowhere', () => {
    const b = schoolHtml(report, school('B'));
    expect(htmlText(b)).toContain('Awareness n<10 withheld withheld');
    expect(leaks(b)).toEqual([]);
    const district = districtHtml(report);
    expect(htmlText(district)).toMatch(/@SUM\(1\) \(B\) (n<10 ){5}n<10/);
    expect(leaks(district)).toEqual([]);
    expect(htmlText(schoolHtml(report, school('A')))).toContain(`Awareness 12 ${percentText(100)} 4.00`);
  });

  it('is the same for the same report: a pure function', () => {
    expect(districtHtml(report)).toBe(districtHtml(structuredClone(report)));
  });
});

describe('DOCX', () => {
  it("holds the school's name, its figures and its providers, with text that would run as a formula escaped", async () => {
    const a = school('A');
    const texts = docxTexts(await schoolDocx(report, a));
    const all = texts.join('\n');
    expect(all).toContain(SCRIPT);
    expect(texts).toContain(count(a.tiers[2].gap));
    expect(texts).toContain(shareText(a.tiers[2].coverage));
    expect(texts).toContain("'" + HYPERLINK);
    expect(texts.some((t) => /^[=+\-@]/.test(t))).toBe(false);

    const district = docxTexts(await districtDocx(report));
    expect(district).toContain(`'${AT_SUM} (B)`);
    expect(district).toContain('Cedar High School (C)');
    expect(district.some((t) => /^[=+\-@]/.test(t))).toBe(false);
    for (const t of report.tiers) expect(district).toContain(count(t.gap));
  });

  it('embeds the chart as SVG with a PNG fallback', async () => {
    const files = unzipSync(await schoolDocx(report, school('C')));
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    const svg = media.find((f) => f.endsWith('.svg'))!;
    const png = media.find((f) => f.endsWith('.png'))!;
    expect(strFromU8(files[svg])).toContain('#542788');
    expect([...files[png].slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(strFromU8(files['word/document.xml'])).toContain('<w:tblHeader');
  });

  it('shows withheld survey cells as n<10 and their figures nowhere', async () => {
    for (const bytes of [await schoolDocx(report, school('B')), await districtDocx(report)]) {
      const texts = docxTexts(bytes);
      expect(texts).toContain('n<10');
      expect(leaks(texts.join('\n'))).toEqual([]);
    }
    const page = docxTexts(await schoolDocx(report, school('B')));
    const awareness = page.indexOf('Awareness');
    expect(page.slice(awareness, awareness + 4)).toEqual(['Awareness', 'n<10', 'withheld', 'withheld']);
    // The district's survey table: B's row, five constructs and the respondents column.
    const district = docxTexts(await districtDocx(report));
    const row = district.lastIndexOf(`'${AT_SUM} (B)`);
    expect(district.slice(row + 1, row + 7)).toEqual(Array(6).fill('n<10'));
  });
});

describe('XLSX', () => {
  it('has the sheets, numbers as numbers and formula text escaped', async () => {
    const book = await workbook(await reportXlsx(report));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tier gaps', 'Staffing', 'Providers', 'Survey', 'District tiers', 'District staffing', 'About']);

    const gaps = sheetRows(book.getWorksheet('Tier gaps')!);
    expect(gaps).toHaveLength(9);
    const a2 = gaps.find((r) => r.school_id === 'A' && r.tier === 2)!;
    expect(a2).toMatchObject({ school_name: SCRIPT, need: 52, need_source: 'screening' });
    expect(typeof a2.capacity).toBe('number');
    expect(a2.capacity).toBe(Number(formatNumber(school('A').tiers[1].capacity)));
    expect(gaps.find((r) => r.school_id === 'B')!.school_name).toBe(`'${AT_SUM}`);

    const staffing = sheetRows(book.getWorksheet('Staffing')!);
    expect(staffing).toHaveLength(12);
    expect(staffing.find((r) => r.school_id === 'C' && r.role === 'school_counselor')).toMatchObject({ fte: 1.5, students_per_fte: 200, recommended_ratio: 250 });

    const providers = sheetRows(book.getWorksheet('Providers')!);
    const link = providers.find((r) => String(r.provider).includes('HYPERLINK'))!;
    expect(link.provider).toBe(`'${HYPERLINK}`);
    const linkCell = book.getWorksheet('Providers')!.getRow(providers.indexOf(link) + 2).getCell(3);
    expect(linkCell.type).toBe(ExcelJS.ValueType.String);
    expect(providers.filter((r) => r.district_wide === true)).toHaveLength(3);

    const about = book.getWorksheet('About')!;
    const aboutText: string[] = [];
    about.eachRow((row) => aboutText.push((row.values as ExcelJS.CellValue[]).slice(1).map(String).join(' | ')));
    expect(aboutText).toContain('Made | 2027-01-15');
    expect(aboutText).toContain('Survey suppression threshold | 10');
    expect(aboutText.some((l) => l.startsWith('survey | family-survey.csv'))).toBe(true);
  });

  it('writes a withheld survey cell as n<10 with no figures', async () => {
    const book = await workbook(await reportXlsx(report));
    const survey = sheetRows(book.getWorksheet('Survey')!);
    const b = survey.filter((r) => r.school_id === 'B');
    expect(b).toHaveLength(5);
    for (const row of b) expect(row).toMatchObject({ n: 'n<10', pct_favorable: null, mean: null, suppressed: true });
    expect(survey.find((r) => r.school_id === 'A')).toMatchObject({ n: 12, pct_favorable: 100, mean: 4, suppressed: false });
    const values: string[] = [];
    for (const sheet of book.worksheets) sheet.eachRow((row) => values.push((row.values as ExcelJS.CellValue[]).map(String).join('|')));
    expect(leaks(values.join('\n'))).toEqual([]);
  });
});

describe('CSV', () => {
  it('writes the report tables with the contract values, formula text escaped and withheld cells empty', () => {
    const files = reportCsv(report);
    expect(Object.keys(files)).toEqual(['tier_gaps.csv', 'staffing.csv', 'providers.csv', 'survey_summary.csv']);
    expect(files['tier_gaps.csv'].split('\n')[0]).toBe('school_id,school_name,tier,need,capacity,gap,coverage,need_source');
    expect(files['tier_gaps.csv']).toContain(`B,'${AT_SUM},1,200,`);
    expect(files['tier_gaps.csv']).toContain(`A,${SCRIPT},2,52,`);
    expect(files['providers.csv']).toContain(`"'=HYPERLINK(""x"")"`);
    expect(files['survey_summary.csv']).toContain(`B,'${AT_SUM},awareness,n<10,,,true`);
    expect(leaks(Object.values(files).join('\n'))).toEqual([]);
  });
});

describe('per-school files', () => {
  it('makes school ids safe file names, each one different', () => {
    expect(safeFileName('HC001')).toBe('HC001');
    expect(safeFileName('../../etc/passwd')).toBe('_.._.._etc_passwd');
    expect(safeFileName('..')).toBe('_..');
    expect(safeFileName('')).toBe('_');
    expect(safeFileName('a/b\\c:d')).toBe('a_b_c_d');
    expect(safeFileName('-rf')).toBe('_-rf');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('École 12')).toBe('_cole_12');
    expect(safeFileName('x'.repeat(300))).toHaveLength(100);
    expect([...schoolFileNames(['a/b', 'a_b', 'A_B', 'a?b']).values()]).toEqual(['a_b', 'a_b~2', 'A_B~3', 'a_b~4']);
  });

  it('zips every school as HTML and DOCX', async () => {
    const files = unzipSync(await schoolsZip(report));
    expect(Object.keys(files).sort()).toEqual(['A.docx', 'A.html', 'B.docx', 'B.html', 'C.docx', 'C.html']);
    expect(strFromU8(files['C.html'])).toContain('Cedar High School');
    expect(docxTexts(files['C.docx'])).toContain('Cedar High School');
  });
});

describe('with a scenario, priorities and readiness from the app', () => {
  it('writes them into every format', async () => {
    const withPlan = await buildReport(engine, {
      made: MADE,
      scenario: {
        name: 'Add a counselor at <A>',
        changes: [{ type: 'fte', school_id: 'A', role: 'school_counselor', fte: 1 }],
        tiers: report.tiers.map((t) => ({
          tier: t.tier,
          need: t.need,
          capacity: t.capacity,
          gap: t.gap,
          coverage: t.coverage,
          scenario_need: t.need,
          scenario_capacity: t.capacity + 10,
          scenario_gap: Math.max(t.gap - 10, 0),
          scenario_coverage: t.need ? (t.capacity + 10) / t.need : null
        })),
        staffing: [{ role: 'school_counselor', fte: 2.5, scenario_fte: 3.5, schools_meeting: 1, scenario_schools_meeting: 2, cost: 65000 }]
      },
      priorities: [
        {
          id: 'p1',
          school_id: 'A',
          tier: 3,
          goal: '=Close the tier 3 gap',
          strategy: 'Partner with a community agency',
          action_steps: 'Sign an MOU\nSchedule weekly sessions',
          person_responsible: 'Principal',
          timeline: 'by March 2027',
          resources: 'Title I',
          measure_of_success: 'Tier 3 coverage at 100%'
        }
      ],
      readiness: { leadership_team: { level: 'beginning', note: 'Meets monthly' } }
    });
    expect(withPlan.district.name).toBeNull();

    const html = htmlText(districtHtml(withPlan));
    expect(html).toContain('Scenario: Add a counselor at <A>');
    expect(html).toContain('Add 1.0 FTE school counselor at <script>alert(1)</script>');
    expect(html).toContain('$65,000');
    expect(html).toContain('=Close the tier 3 gap');
    expect(html).toContain('A leadership team of school and community stakeholders beginning Meets monthly');
    expect(htmlText(schoolHtml(withPlan, withPlan.schools[0]))).toContain('=Close the tier 3 gap');
    expect(htmlText(schoolHtml(withPlan, withPlan.schools[1]))).not.toContain('Close the tier 3 gap');

    const docx = docxTexts(await districtDocx(withPlan));
    expect(docx).toContain('1. =Close the tier 3 gap');
    expect(docx).toContain('Sign an MOU');
    expect(docx).toContain('Schedule weekly sessions');
    expect(docx.some((t) => /^[=+\-@]/.test(t))).toBe(false);

    const book = await workbook(await reportXlsx(withPlan));
    expect(book.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Scenario', 'Priorities', 'Readiness'])
    );
    const priorities = sheetRows(book.getWorksheet('Priorities')!);
    expect(priorities[0]).toMatchObject({ school_id: 'A', tier: 3, goal: "'=Close the tier 3 gap" });
  });
});
