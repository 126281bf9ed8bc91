/**
 * A fictional state's files exactly as NCES and OCR publish them (tests/fixtures/README.md,
 * "public/: a state's files as NCES and OCR publish them"), loaded unedited through the real
 * command line: the CCD directory (029), membership (052) and EDGE geocodes of three districts,
 * one district taken out with --district, the CRDC School Support file or an HR roster with a
 * mappings file as the staff, and an ELSI export as the schools file. Every expected figure is
 * written out here as it was worked out by hand in the README, never recomputed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuum, type CliRun } from '../helpers/cli';

const TIMEOUT = 60_000;
const DIR = 'tests/fixtures';
const CCD_029 = `${DIR}/public/ccd_sch_029_2223_w_1a_083023.csv`;
const CCD_052 = `${DIR}/public/ccd_sch_052_2223_l_1a_083023.csv`;
const EDGE = `${DIR}/public/EDGE_GEOCODE_PUBLICSCH_2223.TXT`;
const CRDC = `${DIR}/public/crdc-2021-school-support.csv`;
const ELSI = `${DIR}/public/elsi-export-schools.csv`;
const SERVICES = `${DIR}/public/services-0899902.csv`;
const ROSTER = `${DIR}/staff/hr-roster.csv`;
const MAPPINGS = `${DIR}/staff/hr-roster-mappings.csv`;
const TARGET = '0899902';
const STATE_FILES = ['--schools', CCD_029, '--enrollment', CCD_052, '--locations', EDGE];

const NO_STACK = /^\s+at\s/m;
const lines = (text: string) => text.split('\n').filter(Boolean);
const csvLines = (path: string) => lines(readFileSync(path, 'utf8'));
const warningsOf = (run: CliRun, file: string) => lines(run.stderr).filter((l) => l.startsWith(`${file}:`) && l.includes(': warning: '));
const errorsOf = (run: CliRun) => lines(run.stderr).filter((l) => !l.includes(': warning: '));
/** The whole numbers a message states (after `FILE:ROW: column: warning:`). */
const numbersIn = (line: string) => (line.replace(/^.*?: warning: /, '').match(/\d[\d,]*/g) ?? []).map((n) => Number(n.replace(/,/g, '')));

/**
 * The rows of `file` for schools left out must be counted in its warnings: in one figure, or as
 * the left-out-for-status and left-out-for-district parts. For the long membership file the
 * count may be of all its rows or of its Education Unit Total rows (one a school): both are given.
 */
function expectIgnoredCounted(run: CliRun, file: string, ways: { total: number; status: number; district: number }[]) {
  const counts = warningsOf(run, file).flatMap(numbersIn);
  const counted = ways.some((w) => counts.includes(w.total) || ((w.status === 0 || counts.includes(w.status)) && (w.district === 0 || counts.includes(w.district))));
  expect(counted, `${file}: a warning counting ${ways.map((w) => w.total).join(' or ')} ignored rows (warnings: ${warningsOf(run, file).join(' | ')})`).toBe(true);
}

// The target district's eight schools the status filter keeps, in the directory's order, with
// their Education Unit Totals (ccd_sch_052 rows 1001 … 1535). Left out: Dry Fork (Closed),
// Quarry Hill (Inactive by UPDATED_STATUS_TEXT), Ridgeview (Future).
const KEPT: [string, string, number][] = [
  ['089990200011', 'Aspen Meadow Elementary School', 386],
  ['089990200012', 'Bluebell Elementary School', 421],
  ['089990200013', 'Cottonwood Creek Elementary School', 298],
  ['089990200015', 'Elk Park Elementary School', 164],
  ['089990200016', 'Foxtail Middle School', 612],
  ['089990200017', 'Granite Peak Middle School', 547],
  ['089990200018', 'Cottonwood Creek High School', 1318],
  ['089990200019', 'Juniper Alternative Learning Center', 58]
];
const ROLES = ['school_psychologist', 'school_counselor', 'school_social_worker', 'school_nurse'];

/** staffing.csv rows of the eight schools: per school, `fte,students_per_fte,ratio,fte_needed,fte_gap` by role. */
function staffingRows(names: [string, string, number][], figures: Record<string, string[]>): string[] {
  return names.flatMap(([id, name]) => figures[id].map((f, i) => `${id},${name},${ROLES[i]},${f}`));
}

let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-public-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the public fixtures are laid out as published', () => {
  it('have the published header lines, encodings and line ends', () => {
    const head = (path: string) => readFileSync(path);
    const firstLine = (path: string) => head(path).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(firstLine(CCD_029)).toBe(
      'SCHOOL_YEAR,FIPST,STATENAME,ST,SCH_NAME,LEA_NAME,STATE_AGENCY_NO,UNION,ST_LEAID,LEAID,ST_SCHID,NCESSCH,SCHID,MSTREET1,MSTREET2,MSTREET3,MCITY,MSTATE,MZIP,MZIP4,LSTREET1,LSTREET2,LSTREET3,LCITY,LSTATE,LZIP,LZIP4,PHONE,WEBSITE,SY_STATUS,SY_STATUS_TEXT,UPDATED_STATUS,UPDATED_STATUS_TEXT,EFFECTIVE_DATE,SCH_TYPE,SCH_TYPE_TEXT,RECON_STATUS,OUT_OF_STATE_FLAG,CHARTER_TEXT,CHARTAUTH1,CHARTAUTHN1,CHARTAUTH2,CHARTAUTHN2,NOGRADES,G_PK_OFFERED,G_KG_OFFERED,G_1_OFFERED,G_2_OFFERED,G_3_OFFERED,G_4_OFFERED,G_5_OFFERED,G_6_OFFERED,G_7_OFFERED,G_8_OFFERED,G_9_OFFERED,G_10_OFFERED,G_11_OFFERED,G_12_OFFERED,G_13_OFFERED,G_UG_OFFERED,G_AE_OFFERED,GSLO,GSHI,LEVEL,IGOFFERED'
    );
    expect(firstLine(CCD_052)).toBe(
      'SCHOOL_YEAR,FIPST,STATENAME,ST,SCH_NAME,STATE_AGENCY_NO,UNION,ST_LEAID,LEAID,ST_SCHID,NCESSCH,SCHID,GRADE,RACE_ETHNICITY,SEX,STUDENT_COUNT,TOTAL_INDICATOR,DMS_FLAG'
    );
    expect(firstLine(EDGE)).toBe(
      'NCESSCH|LEAID|NAME|OPSTFIPS|STREET|CITY|STATE|ZIP|STFIP|CNTY|NMCNTY|LOCALE|LAT|LON|CBSA|NMCBSA|CBSATYPE|CSA|NMCSA|NECTA|NMNECTA|CD|SLDL|SLDU|SCHOOLYEAR'
    );
    expect(firstLine(CRDC)).toBe(
      'LEA_STATE,LEA_STATE_NAME,LEAID,LEA_NAME,SCHID,SCH_NAME,COMBOKEY,JJ,SCH_FTETEACH_TOT,SCH_FTETEACH_CERT,SCH_FTETEACH_NOTCERT,SCH_FTECOUNSELORS,SCH_FTESERVICES_NUR,SCH_FTESERVICES_PSY,SCH_FTESERVICES_SOC,SCH_FTESECURITY_LEO,SCH_FTESECURITY_GUA'
    );
    expect(firstLine(ROSTER)).toBe('Employee ID,Last Name,First Name,Location Code,Job Title,FTE');
    // UTF-8 without a byte-order mark, CRLF, for the federal files; ELSI and Excel write a BOM.
    for (const path of [CCD_029, CCD_052, EDGE, CRDC]) {
      const text = head(path).toString('utf8');
      expect(head(path)[0], path).not.toBe(0xef);
      expect(text.split('\r\n').length, path).toBe(text.split('\n').length);
      expect(text.endsWith('\r\n'), path).toBe(true);
    }
    for (const path of [ELSI, ROSTER]) {
      expect([...head(path).subarray(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
      expect(head(path).toString('utf8').split('\r\n').length, path).toBe(head(path).toString('utf8').split('\n').length);
    }
    expect(head(CCD_029).toString('utf8')).toContain('Peñasco Elementary School');
    expect(head(CCD_029).toString('utf8')).toContain('"2150 Creekside Dr, Building B"');
  });

  it('have one Education Unit Total a school in the membership file, which its cells add up to', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(CCD_052, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const totals = new Map<string, Record<string, string>[]>();
    for (const r of rows) if (r.TOTAL_INDICATOR === 'Education Unit Total') totals.set(r.NCESSCH, [...(totals.get(r.NCESSCH) ?? []), r]);
    expect(totals.size).toBe(28);
    for (const [id, eut] of totals) {
      expect(eut, id).toHaveLength(1);
      expect([eut[0].GRADE, eut[0].RACE_ETHNICITY, eut[0].SEX]).toEqual(['No Category Codes', 'No Category Codes', 'No Category Codes']);
      const cells = rows.filter((r) => r.NCESSCH === id && r.TOTAL_INDICATOR.startsWith('Category Set A'));
      if (eut[0].STUDENT_COUNT === '') continue;
      expect(cells.reduce((s, r) => s + Number(r.STUDENT_COUNT), 0), id).toBe(Number(eut[0].STUDENT_COUNT));
    }
    expect(Object.fromEntries(KEPT.map(([id]) => [id, totals.get(id)![0].STUDENT_COUNT]))).toEqual(Object.fromEntries(KEPT.map(([id, , n]) => [id, String(n)])));
    expect(totals.get('089990300037')![0]).toMatchObject({ STUDENT_COUNT: '', DMS_FLAG: 'Not reported' });
  });
});

describe('one district out of a state: CCD directory, membership and EDGE, CRDC staff', () => {
  let run: CliRun;
  const out = () => join(temp, 'crdc');
  beforeAll(async () => {
    run = await continuum(['analyze', ...STATE_FILES, '--district', TARGET, '--staff', CRDC, '--services', SERVICES, '--out', out()]);
  }, TIMEOUT);

  it('loads the files unedited and keeps exactly the open schools of the district', () => {
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const gaps = csvLines(join(out(), 'tier_gaps.csv'));
    expect(gaps[0]).toBe('school_id,school_name,tier,need,capacity,gap,coverage');
    expect(gaps).toHaveLength(1 + 8 * 3);
    expect([...new Set(gaps.slice(1).map((l) => l.split(',')[0]))]).toEqual(KEPT.map(([id]) => id));
  });

  it('takes each school enrollment from its Education Unit Total: tier-1 need', () => {
    const gaps = csvLines(join(out(), 'tier_gaps.csv'));
    expect(gaps.filter((l) => l.split(',')[2] === '1')).toEqual([
      '089990200011,Aspen Meadow Elementary School,1,386,386,0,1',
      '089990200012,Bluebell Elementary School,1,421,421,0,1',
      '089990200013,Cottonwood Creek Elementary School,1,298,0,298,0',
      '089990200015,Elk Park Elementary School,1,164,0,164,0',
      '089990200016,Foxtail Middle School,1,612,612,0,1',
      '089990200017,Granite Peak Middle School,1,547,0,547,0',
      // 1,318 with its 6 adult-education students: not the derived 1,312 without them.
      '089990200018,Cottonwood Creek High School,1,1318,1318,0,1',
      '089990200019,Juniper Alternative Learning Center,1,58,0,58,0'
    ]);
  });

  it('shares the district-wide crisis team among the eight kept schools only (tier-3 need 190.2)', () => {
    const gaps = csvLines(join(out(), 'tier_gaps.csv'));
    const row = (id: string, tier: string) => gaps.find((l) => l.startsWith(`${id},`) && l.split(',')[2] === tier);
    expect(row('089990200018', '2')).toBe('089990200018,Cottonwood Creek High School,2,197.7,0,197.7,0');
    // 45 + 120 × 65.9 / 190.2 = 86.577287; coverage 86.577287 / 65.9.
    expect(row('089990200018', '3')).toBe('089990200018,Cottonwood Creek High School,3,65.9,86.577287,0,1.313768');
    // 120 × 21.05 / 190.2 = 13.280757: Bluebell has no tier-3 service of its own.
    expect(row('089990200012', '3')).toBe('089990200012,Bluebell Elementary School,3,21.05,13.280757,7.769243,0.630915');
    expect(row('089990200019', '3')).toBe('089990200019,Juniper Alternative Learning Center,3,2.9,13.829653,0,4.768846');
  });

  it('writes the CRDC FTE per school and role, and empty figures where CRDC has a reserve code', () => {
    const staffing = csvLines(join(out(), 'staffing.csv'));
    expect(staffing[0]).toBe('school_id,school_name,role,fte,students_per_fte,recommended_ratio,fte_needed,fte_gap');
    expect(staffing.slice(1)).toEqual(
      staffingRows(KEPT, {
        '089990200011': ['0.5,772,500,0.772,0.272', '1,386,250,1.544,0.544', '0,,250,1.544,1.544', '0.4,965,750,0.514667,0.114667'],
        // SCH_FTESERVICES_NUR -9
        '089990200012': ['0.6,701.666667,500,0.842,0.242', '1,421,250,1.684,0.684', '0.5,842,250,1.684,1.184', ',,750,0.561333,'],
        // SCH_FTESERVICES_PSY -5
        '089990200013': [',,500,0.596,', '0.8,372.5,250,1.192,0.392', '0,,250,1.192,1.192', '0.2,1490,750,0.397333,0.197333'],
        // New in 2022-23: no CRDC 2020-21 row, so no FTE (0), not a reserve code.
        '089990200015': ['0,,500,0.328,0.328', '0,,250,0.656,0.656', '0,,250,0.656,0.656', '0,,750,0.218667,0.218667'],
        '089990200016': ['1,612,500,1.224,0.224', '2,306,250,2.448,0.448', '1,612,250,2.448,1.448', '1,612,750,0.816,0'],
        // All four -6.
        '089990200017': [',,500,1.094,', ',,250,2.188,', ',,250,2.188,', ',,750,0.729333,'],
        // SCH_FTESERVICES_SOC -3
        '089990200018': ['1.5,878.666667,500,2.636,1.136', '4,329.5,250,5.272,1.272', ',,250,5.272,', '1,1318,750,1.757333,0.757333'],
        '089990200019': ['0.2,290,500,0.116,0', '0.5,116,250,0.232,0', '1,58,250,0.232,0', '0,,750,0.077333,0.077333']
      })
    );
  });

  it('warns once for the left-out statuses, once for the reserve codes, and counts the ignored rows', () => {
    expect(lines(run.stderr).every((l) => l.includes(': warning: '))).toBe(true);
    // Dry Fork (Closed), Quarry Hill (Inactive), Ridgeview (Future): one warning that counts 3.
    const status = warningsOf(run, CCD_029).filter((l) => /closed|inactive|future/i.test(l));
    expect(status, run.stderr).toHaveLength(1);
    expect(numbersIn(status[0]).includes(3) || /1 closed.*1 inactive.*1 future/i.test(status[0]), status[0]).toBe(true);
    // Juniper's LEVEL `Not reported` leaves the level empty, with a warning.
    expect(warningsOf(run, CCD_029).some((l) => l.startsWith(`${CCD_029}:19: level: warning: `)), run.stderr).toBe(true);
    // 7 cells of the four roles: Bluebell NUR -9, Cottonwood Creek ES PSY -5, Granite Peak 4 × -6, the high school SOC -3.
    const reserve = warningsOf(run, CRDC).filter((l) => /reserve|not reported/i.test(l));
    expect(reserve, run.stderr).toHaveLength(1);
    expect(numbersIn(reserve[0])).toContain(7);
    // Rows of schools left out: 17 of other districts, 3 for their status.
    expectIgnoredCounted(run, EDGE, [{ total: 20, status: 3, district: 17 }]);
    expectIgnoredCounted(run, CCD_052, [
      { total: 1717, status: 110, district: 1607 },
      { total: 20, status: 3, district: 17 }
    ]);
    // CRDC 2020-21 still has Dry Fork and Quarry Hill.
    expectIgnoredCounted(run, CRDC, [{ total: 2, status: 2, district: 0 }]);
  });
});

describe('one district out of a state: an HR roster with a mappings file', () => {
  let run: CliRun;
  const out = () => join(temp, 'roster');
  beforeAll(async () => {
    run = await continuum(['analyze', ...STATE_FILES, '--district', TARGET, '--staff', ROSTER, '--mappings', MAPPINGS, '--services', SERVICES, '--out', out()]);
  }, TIMEOUT);

  it('sums the mapped titles per school and role', () => {
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(csvLines(join(out(), 'staffing.csv')).slice(1)).toEqual(
      staffingRows(KEPT, {
        // School Psychologist II 0.5 (row 3); Guidance Counselor 1.0; Registered Nurse (RN) 0.4.
        '089990200011': ['0.5,772,500,0.772,0.272', '1,386,250,1.544,0.544', '0,,250,1.544,1.544', '0.4,965,750,0.514667,0.114667'],
        // Brennan's other half (row 8); Licensed Clinical Social Worker 0.5.
        '089990200012': ['0.5,842,500,0.842,0.342', '0,,250,1.684,1.684', '0.5,842,250,1.684,1.184', '0,,750,0.561333,0.561333'],
        // Guidance Counselor 0.8; LPN 0.6.
        '089990200013': ['0,,500,0.596,0.596', '0.8,372.5,250,1.192,0.392', '0,,250,1.192,1.192', '0.6,496.666667,750,0.397333,0'],
        // LCSW 0.4; Registered Nurse (RN) 0.2.
        '089990200015': ['0,,500,0.328,0.328', '0,,250,0.656,0.656', '0.4,410,250,0.656,0.256', '0.2,820,750,0.218667,0.018667'],
        // Counselor - Middle School 1.0 + 1.0; School Psychologist II 1.0.
        '089990200016': ['1,612,500,1.224,0.224', '2,306,250,2.448,0.448', '0,,250,2.448,2.448', '0,,750,0.816,0.816'],
        '089990200017': ['0,,500,1.094,1.094', '1,547,250,2.188,1.188', '1,547,250,2.188,1.188', '0,,750,0.729333,0.729333'],
        // Guidance Counselor 3.0 in one row.
        '089990200018': ['1,1318,500,2.636,1.636', '3,439.333333,250,5.272,2.272', '0,,250,5.272,5.272', '1,1318,750,1.757333,0.757333'],
        '089990200019': ['0,,500,0.116,0.116', '0.5,116,250,0.232,0', '0.6,96.666667,250,0.232,0', '0,,750,0.077333,0.077333']
      })
    );
  });

  it('counts the left-out rows once per value, never one warning a row', () => {
    // 12 titles mapped to `leave out`, 21 rows.
    const LEFT_OUT: [string, number][] = [
      ['Teacher - Grade 3', 1], ['Custodian', 3], ['Principal', 2], ['Teacher - Grade 1', 1], ['Paraprofessional', 3],
      ['Teacher - Kindergarten', 1], ['Teacher - Grade 2', 1], ['Teacher - Math', 3], ['Assistant Principal', 1],
      ['Teacher - English', 3], ['Head Custodian', 1], ['Special Education Teacher', 1]
    ];
    const roster = warningsOf(run, ROSTER);
    expect(roster.length, run.stderr).toBeLessThan(21);
    const quoting = (t: string) => roster.filter((l) => l.includes(`"${t}"`));
    for (const [title, n] of LEFT_OUT) {
      expect(quoting(title).length, title).toBeLessThanOrEqual(1);
      if (quoting(title).length) expect(numbersIn(quoting(title)[0]), title).toContain(n);
    }
    if (!LEFT_OUT.every(([t]) => quoting(t).length === 1)) {
      expect(roster.some((l) => /leave out|left out/i.test(l) && numbersIn(l).includes(21)), run.stderr).toBe(true);
    }
  });
});

describe('an HR roster without its mappings file', () => {
  it('fails with one line per unknown title, its row count and first three rows', async () => {
    const out = join(temp, 'no-mappings');
    const run = await continuum(['analyze', ...STATE_FILES, '--district', TARGET, '--staff', ROSTER, '--services', SERVICES, '--out', out]);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    // Title, its rows (spreadsheet rows, header = 1). `Guidance Counselor` is a role's own name.
    const UNKNOWN: [string, number[]][] = [
      ['Teacher - Grade 3', [2]],
      ['School Psychologist II', [3, 8, 21, 30]],
      ['Registered Nurse (RN)', [5, 18, 31]],
      ['Custodian', [6, 15, 35]],
      ['Principal', [7, 34]],
      ['Licensed Clinical Social Worker', [9, 26]],
      ['Teacher - Grade 1', [10]],
      ['Paraprofessional', [11, 23, 37]],
      ['LPN', [13]],
      ['Teacher - Kindergarten', [14]],
      ['Teacher - Grade 2', [16]],
      ['LCSW', [17, 38]],
      ['Counselor - Middle School', [19, 20, 25]],
      ['Teacher - Math', [22, 32, 41]],
      ['Assistant Principal', [24]],
      ['Teacher - English', [27, 33, 39]],
      ['Head Custodian', [28]],
      ['Special Education Teacher', [36]]
    ];
    const errors = errorsOf(run).filter((l) => l.startsWith(`${ROSTER}:`));
    expect(errors).toHaveLength(UNKNOWN.length);
    for (const [title, rows] of UNKNOWN) {
      const n = rows.length;
      const listed = rows.slice(0, 3).join(', ') + (n > 3 ? ', …' : '');
      // The contract's form, then what roles are (the same tail on every line).
      const expected = `${ROSTER}:${rows[0]}: role: "${title}" is not a role (${n} ${n === 1 ? 'row' : 'rows'}: ${listed})`;
      const found = errors.filter((l) => l.includes(`"${title}"`));
      expect(found, title).toHaveLength(1);
      expect(found[0].startsWith(expected), `${title}: ${found[0]}`).toBe(true);
    }
    expect(run.stderr).not.toContain('"Guidance Counselor"');
  }, TIMEOUT);
});

describe('an ELSI table-generator export as the schools file', () => {
  let run: CliRun;
  const out = () => join(temp, 'elsi');
  beforeAll(async () => {
    run = await continuum(['analyze', '--schools', ELSI, '--district', TARGET, '--staff', ROSTER, '--mappings', MAPPINGS, '--services', SERVICES, '--out', out()]);
  }, TIMEOUT);

  it('loads unedited: title and footnote lines skipped, ="…" ids with their leading zeros, †/–/‡ blank', () => {
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    // ELSI's total excludes adult education: the high school is 1,312 here.
    expect(csvLines(join(out(), 'tier_gaps.csv')).filter((l) => l.split(',')[2] === '1')).toEqual([
      '089990200011,ASPEN MEADOW ELEMENTARY SCHOOL,1,386,386,0,1',
      '089990200012,BLUEBELL ELEMENTARY SCHOOL,1,421,421,0,1',
      '089990200013,COTTONWOOD CREEK ELEMENTARY SCHOOL,1,298,0,298,0',
      '089990200015,ELK PARK ELEMENTARY SCHOOL,1,164,0,164,0',
      '089990200016,FOXTAIL MIDDLE SCHOOL,1,612,612,0,1',
      '089990200017,GRANITE PEAK MIDDLE SCHOOL,1,547,0,547,0',
      '089990200018,COTTONWOOD CREEK HIGH SCHOOL,1,1312,1318,0,1.004573',
      '089990200019,JUNIPER ALTERNATIVE LEARNING CENTER,1,58,0,58,0'
    ]);
    const hs = csvLines(join(out(), 'staffing.csv')).filter((l) => l.startsWith('089990200018,'));
    expect(hs).toEqual([
      '089990200018,COTTONWOOD CREEK HIGH SCHOOL,school_psychologist,1,1312,500,2.624,1.624',
      '089990200018,COTTONWOOD CREEK HIGH SCHOOL,school_counselor,3,437.333333,250,5.248,2.248',
      '089990200018,COTTONWOOD CREEK HIGH SCHOOL,school_social_worker,0,,250,5.248,5.248',
      '089990200018,COTTONWOOD CREEK HIGH SCHOOL,school_nurse,1,1312,750,1.749333,0.749333'
    ]);
  });

  it('reports no †, – or ‡ as a value, and warns only for the `Not reported` level', () => {
    expect(lines(run.stderr).every((l) => l.includes(': warning: '))).toBe(true);
    expect(lines(run.stderr).filter((l) => /: (level|latitude|longitude|enrollment|frl_pct|school_id|district_id): .*[†‡–]/.test(l))).toEqual([]);
    const levels = warningsOf(run, ELSI).filter((l) => /: level: warning: /.test(l));
    expect(levels, run.stderr).toHaveLength(1);
    expect(levels[0]).toMatch(/Not reported/i);
    // Free and Reduced Lunch Students is a count (402 at the high school), not frl_pct.
    expect(run.stderr).not.toMatch(/frl_pct/);
  });
});

describe('the state file without the district filter, and an unknown district', () => {
  it('analyzes the whole state only when every open school has an enrollment: here one does not', async () => {
    const out = join(temp, 'state');
    const run = await continuum(['analyze', ...STATE_FILES, '--staff', CRDC, '--services', SERVICES, '--out', out]);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    // Mesa Alta Online Academy (029 row 28; its Education Unit Total, 052 row 2340, is `Not reported`).
    const errors = errorsOf(run);
    expect(errors.length, run.stderr).toBeGreaterThanOrEqual(1);
    expect(errors.every((l) => /089990300037|Mesa Alta Online Academy|ccd_sch_029_2223_w_1a_083023\.csv:28:|ccd_sch_052_2223_l_1a_083023\.csv:2340:/.test(l)), run.stderr).toBe(true);
    expect(errors.some((l) => /enrollment/.test(l)), run.stderr).toBe(true);
  }, TIMEOUT);

  it('exits 1 with a message naming an unknown district, and writes nothing', async () => {
    const out = join(temp, 'unknown');
    const run = await continuum(['analyze', ...STATE_FILES, '--district', '0899999', '--staff', CRDC, '--services', SERVICES, '--out', out]);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const errors = errorsOf(run);
    expect(errors.some((l) => l.includes('0899999') && /district/i.test(l)), run.stderr).toBe(true);
  }, TIMEOUT);
});

describe('the gap report from the same files', () => {
  it('says in its inputs what the mappings left out and the CRDC did not report, and shows not reported, never zero staff', async () => {
    const roster = join(temp, 'report-roster');
    const withRoster = await continuum(['report', ...STATE_FILES, '--district', TARGET, '--staff', ROSTER, '--mappings', MAPPINGS, '--services', SERVICES, '--out', roster]);
    expect(withRoster.code, withRoster.stderr).toBe(0);
    const inputs = readFileSync(join(roster, 'district.html'), 'utf8');
    expect(inputs).toContain('What the files left out or did not report');
    // One line per left-out title, as on standard error.
    expect(inputs).toContain('&quot;Paraprofessional&quot; left out, as the mappings say (3 rows: 11, 23, 37)');
    expect(inputs).toContain('3 schools left out for their CCD status (Closed: 1, Inactive: 1, Future: 1)');

    const crdc = join(temp, 'report-crdc');
    const withCrdc = await continuum(['report', ...STATE_FILES, '--district', TARGET, '--staff', CRDC, '--services', SERVICES, '--out', crdc]);
    expect(withCrdc.code, withCrdc.stderr).toBe(0);
    // Granite Peak MS reported none of its four roles (-6 in every cell).
    const granite = readFileSync(join(crdc, 'schools', '089990200017.html'), 'utf8');
    expect(granite.match(/not reported/g)?.length).toBeGreaterThanOrEqual(4);
    const district = readFileSync(join(crdc, 'district.html'), 'utf8');
    expect(district).toContain('School psychologist: 2 schools did not report this role: left out of its district figures.');
  }, TIMEOUT * 2);
});
