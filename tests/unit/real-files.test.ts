/**
 * Files as districts and public sources have them, through the session's one load path on DuckDB
 * itself: value mappings, the wide staff layout with CRDC reserve codes, schools in parts, the
 * CCD status and district filters, and the reading quirks (title and footnote lines, `="…"`
 * cells, bracketed header qualifiers, pipes, bare CR). Each case is small and hand-computed; the
 * full published layouts are in public-files.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMappings, mappingsCsv, type ValueMapping } from '../../src/lib/core/contract/mappings';
import { INPUT_FILES } from '../../src/lib/core/contract/files';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import { formatProblem, type Problem } from '../../src/lib/core/import/problems';
import { checkMappings, suggestMeaning, suggestSchool } from '../../src/lib/core/import/values';
import { Session, type LoadFile } from '../../src/lib/core/session/session';
import { detectInputKind } from '../../src/lib/core/import/inspect';
import { text, where } from '../helpers/district';

let session: Session;
beforeAll(async () => {
  session = await Session.open(await createNodeEngine());
});
afterAll(() => session.close());

const rows = <T = Record<string, unknown>>(sql: string) => session.engine.query<T>(sql);
const file = (kind: LoadFile['kind'], name: string, content: string): LoadFile => ({ kind, source: text(name, content) }) as LoadFile;
const lines = (problems: Problem[]) => problems.map(formatProblem);
const without = (problems: Problem[], pattern: RegExp) => problems.filter((p) => !pattern.test(p.message));
const EXTRA = /kept as (an )?extra attributes?/;

const SCHOOLS = 'school_id,school_name,enrollment\nA,Adams Elementary School,500\nB,Baker Middle School,750\n';
const SERVICES = 'school_id,provider,provider_type,service,tier,capacity\nA,Adams staff,school,mentoring,2,20\n';
const district = (staff: LoadFile, more: LoadFile[] = []) => [file('schools', 'schools.csv', SCHOOLS), staff, file('services', 'services.csv', SERVICES), ...more];

describe('value mappings', () => {
  const roster = [
    'Employee ID,Last Name,First Name,Location Code,Job Title,FTE',
    '1001,Okafor,Grace,A,School Psychologist II,1.0',
    '1002,Brennan,Liam,A,Teacher,1.0',
    '1003,Nguyen,Thu,B,Licensed Clinical Social Worker,0.5',
    '1004,Delgado,Rosa,B,Teacher,1.0',
    '1005,Moreau,Denise,B,Counselor - Middle School,3.0',
    '1006,Holloway,Beth,A,Custodian,1.0',
    '1007,Sutherland,Owen,A,TEACHER,0.5',
    '1008,Ito,Ken,B,Registered Nurse (RN),1'
  ].join('\r\n') + '\r\n';

  it('report each unknown value once per file, column and value, with its row count and first rows', async () => {
    const outcome = await session.load(district(file('staff', 'roster.csv', roster)), { replaceAll: true });
    expect(outcome.ok).toBe(false);
    expect(lines(outcome.errors)).toEqual([
      'roster.csv:2: role: "School Psychologist II" is not a role (1 row: 2): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means',
      'roster.csv:3: role: "Teacher" is not a role (3 rows: 3, 5, 8): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means',
      'roster.csv:4: role: "Licensed Clinical Social Worker" is not a role (1 row: 4): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means',
      'roster.csv:6: role: "Counselor - Middle School" is not a role (1 row: 6): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means',
      'roster.csv:7: role: "Custodian" is not a role (1 row: 7): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means',
      'roster.csv:9: role: "Registered Nurse (RN)" is not a role (1 row: 9): roles are school psychologist, school counselor, school social worker, school nurse, or a mappings file says what it means'
    ]);
    // Each carries what the app needs to offer a meaning for it.
    expect(outcome.errors[1]).toMatchObject({ value: 'Teacher', rows: 3, kind: 'staff', mapAs: 'role' });
    expect(await rows('SELECT * FROM staff')).toEqual([]);
  });

  it('give at most one line per distinct title for a 5,000-row roster with 40 titles', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `${i},X,Y,${i % 2 ? 'A' : 'B'},Title ${i % 40},1`).join('\n');
    const outcome = await session.load(district(file('staff', 'big-roster.csv', `Employee ID,Last Name,First Name,Location Code,Job Title,FTE\n${body}\n`)), { replaceAll: true });
    expect(outcome.errors).toHaveLength(40);
    expect(outcome.errors.every((e) => e.rows === 125)).toBe(true);
    expect(outcome.errors[0].message).toMatch(/^"Title 0" is not a role \(125 rows: 2, 42, 82, …\)/);
  });

  it('load the roster with a mappings file: titles mapped, teachers and custodians left out with one warning per value', async () => {
    const { mappings, errors } = parseMappings(
      'mappings.csv',
      [
        'file,column,value,means',
        'staff,role,School Psychologist II,school_psychologist',
        'staff,role,Licensed Clinical Social Worker,school_social_worker',
        'staff,role, counselor - middle school ,school_counselor',
        'staff,role,Registered Nurse (RN),school_nurse',
        'staff,role,teacher,leave out',
        'staff,role,Custodian,Leave Out'
      ].join('\n')
    );
    expect(errors).toEqual([]);
    expect(checkMappings('mappings.csv', mappings)).toEqual([]);
    const outcome = await session.load(district(file('staff', 'roster.csv', roster)), { replaceAll: true, mappings });
    expect(outcome.errors).toEqual([]);
    expect(lines(without(outcome.warnings, EXTRA))).toEqual([
      'roster.csv:3: role: warning: "Teacher" left out, as the mappings say (3 rows: 3, 5, 8)',
      'roster.csv:7: role: warning: "Custodian" left out, as the mappings say (1 row: 7)'
    ]);
    expect(await rows('SELECT school_id, role, fte FROM staffing WHERE fte > 0 ORDER BY school_id, role_order')).toEqual([
      { school_id: 'A', role: 'school_psychologist', fte: 1 },
      { school_id: 'B', role: 'school_counselor', fte: 3 },
      { school_id: 'B', role: 'school_social_worker', fte: 0.5 },
      { school_id: 'B', role: 'school_nurse', fte: 1 }
    ]);
    // The warnings that say what was left out are kept with the data, for the reports.
    expect(await rows('SELECT file_name, "row", message FROM input_notes ORDER BY "row"')).toEqual([
      { file_name: 'roster.csv', row: 3, message: '"Teacher" left out, as the mappings say (3 rows: 3, 5, 8)' },
      { file_name: 'roster.csv', row: 7, message: '"Custodian" left out, as the mappings say (1 row: 7)' }
    ]);
    // Downloaded from the app, the same mappings read back as they were.
    expect(parseMappings('again.csv', mappingsCsv(mappings)).mappings).toEqual(mappings);
  });

  it('map tiers, provider types, yes/no and school ids, and refuse a meaning the column cannot take', async () => {
    const mappings: ValueMapping[] = [
      { file: 'services', column: 'tier', value: 'Tier 2 - Targeted', means: '2' },
      { file: 'services', column: 'provider_type', value: 'District', means: 'school' },
      { file: 'services', column: 'agreement', value: 'Signed 2024', means: 'yes' },
      { file: 'services', column: 'school_id', value: 'Adams', means: 'A' }
    ];
    const services = 'school_id,provider,provider_type,service,tier,capacity,agreement\nAdams,Adams staff,District,mentoring,Tier 2 - Targeted,20,Signed 2024\n';
    const outcome = await session.load(
      [file('schools', 'schools.csv', SCHOOLS), file('staff', 'staff.csv', 'school_id,role,fte\nA,psych,1\n'), file('services', 'services.csv', services)],
      { replaceAll: true, mappings }
    );
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, provider_type, tier, agreement FROM services')).toEqual([{ school_id: 'A', provider_type: 'school', tier: 2, agreement: true }]);
    const bad = parseMappings('m.csv', 'file,column,value,means\nstaff,role,Psych II,wizard\nstaff,colour,x,y\nbudget,role,x,y\nsurvey,answer,Totally agree,lots\nstaff,role,Psych II,school_psychologist\n');
    expect(where([...bad.errors, ...checkMappings('m.csv', bad.mappings)])).toEqual(['m.csv:3: column', 'm.csv:4: file', 'm.csv:6: value', 'm.csv:2: means', 'm.csv:3: means']);
    expect(parseMappings('m.csv', 'file,column,value,means\nstaff,role,X,school_nurse\nstaff,role, x ,school_nurse\n').errors[0].message).toMatch(/mapped twice/);
  });

  it('suggest a meaning only where the words leave no doubt', () => {
    const role = INPUT_FILES.staff.columns.find((c) => c.name === 'role')!;
    const suggested = Object.fromEntries(
      ['School Psychologist II', 'Licensed Clinical Social Worker', 'LCSW', 'Counselor - Middle School', 'Registered Nurse (RN)', 'LPN', 'Teacher', 'Custodian', 'Counselor Aide', 'Behavior Specialist'].map((t) => [t, suggestMeaning(role, t)])
    );
    expect(suggested).toEqual({
      'School Psychologist II': 'school_psychologist',
      'Licensed Clinical Social Worker': 'school_social_worker',
      LCSW: 'school_social_worker',
      'Counselor - Middle School': 'school_counselor',
      'Registered Nurse (RN)': 'school_nurse',
      LPN: 'school_nurse',
      Teacher: 'leave out',
      Custodian: 'leave out',
      'Counselor Aide': undefined,
      'Behavior Specialist': undefined
    });
    const tier = INPUT_FILES.services.columns.find((c) => c.name === 'tier')!;
    expect(['Tier 2 - Targeted', 'Tier III', 'Universal (Tier 1)', 'Tier 1/2'].map((t) => suggestMeaning(tier, t))).toEqual(['2', '3', '1', undefined]);
    const schools = [
      { school_id: 'A', school_name: 'Adams Elementary School' },
      { school_id: 'B', school_name: 'Adams Middle School' },
      { school_id: 'C', school_name: 'Baker High School' }
    ];
    expect(['Adams Elem.', 'adams ms', 'Baker HS', 'Adams', 'Cole'].map((n) => suggestSchool(n, schools))).toEqual(['A', 'B', 'C', undefined, undefined]);
  });
});

describe('the wide staff layout (CRDC School Support)', () => {
  const crdc = [
    'LEA_STATE,LEAID,LEA_NAME,SCHID,SCH_NAME,COMBOKEY,JJ,SCH_FTETEACH_TOT,SCH_FTECOUNSELORS,SCH_FTESERVICES_NUR,SCH_FTESERVICES_PSY,SCH_FTESERVICES_SOC',
    'VT,5000001,North,00001,Adams Elementary School,A,No,30.5,1.5,1,-9,0',
    'VT,5000001,North,00002,Baker Middle School,B,No,41,3,-5,-9,1'
  ].join('\r\n');

  it('read one FTE column per role; a reserve code is not reported, never zero staff', async () => {
    const outcome = await session.load(district(file('staff', 'School Support.csv', crdc)), { replaceAll: true });
    expect(outcome.errors).toEqual([]);
    expect(lines(without(outcome.warnings, EXTRA))).toEqual([
      "School Support.csv:2: fte: warning: 3 FTE cells are not reported (blank or a CRDC reserve code such as -9) at 2 schools: shown as not reported, and left out of the district's ratios"
    ]);
    expect(await rows('SELECT school_id, role, fte, students_per_fte, fte_gap, below_standard, reported FROM staffing ORDER BY school_id, role_order')).toEqual([
      { school_id: 'A', role: 'school_psychologist', fte: null, students_per_fte: null, fte_gap: null, below_standard: null, reported: false },
      { school_id: 'A', role: 'school_counselor', fte: 1.5, students_per_fte: 500 / 1.5, fte_gap: 0.5, below_standard: true, reported: true },
      { school_id: 'A', role: 'school_social_worker', fte: 0, students_per_fte: null, fte_gap: 2, below_standard: true, reported: true },
      { school_id: 'A', role: 'school_nurse', fte: 1, students_per_fte: 500, fte_gap: 0, below_standard: false, reported: true },
      { school_id: 'B', role: 'school_psychologist', fte: null, students_per_fte: null, fte_gap: null, below_standard: null, reported: false },
      { school_id: 'B', role: 'school_counselor', fte: 3, students_per_fte: 250, fte_gap: 0, below_standard: false, reported: true },
      { school_id: 'B', role: 'school_social_worker', fte: 1, students_per_fte: 750, fte_gap: 2, below_standard: true, reported: true },
      { school_id: 'B', role: 'school_nurse', fte: null, students_per_fte: null, fte_gap: null, below_standard: null, reported: false }
    ]);
    // District ratios leave out the schools that did not report the role, and say how many.
    expect(await rows("SELECT role, fte, enrollment, students_per_fte, schools_not_reported FROM district_staffing WHERE role IN ('school_psychologist', 'school_nurse') ORDER BY role_order")).toEqual([
      { role: 'school_psychologist', fte: null, enrollment: null, students_per_fte: null, schools_not_reported: 2 },
      { role: 'school_nurse', fte: 1, enrollment: 500, students_per_fte: 500, schools_not_reported: 1 }
    ]);
    expect(detectInputKind(crdc.split('\r\n')[0].split(','), [])).toBe('staff');
  });

  it('refuse a negative FTE that is not a reserve code, and take friendly *_fte columns', async () => {
    const bad = await session.load(district(file('staff', 'staff.csv', 'school_id,counselor_fte,nurse_fte\nA,-2,1\nB,1,0.5\n')), { replaceAll: true });
    expect(where(bad.errors)).toEqual(['staff.csv:2: fte']);
    const good = await session.load(district(file('staff', 'staff.csv', 'school_id,counselor_fte,nurse_fte\nA,2,1\nB,1,0.5\n')), { replaceAll: true });
    expect(good.errors).toEqual([]);
    expect(await rows("SELECT school_id, fte FROM staffing WHERE role = 'school_counselor' ORDER BY school_id")).toEqual([
      { school_id: 'A', fte: 2 },
      { school_id: 'B', fte: 1 }
    ]);
  });
});

describe('schools in parts, and out of a state file', () => {
  const directory = [
    'SCHOOL_YEAR,FIPST,STATENAME,ST,SCH_NAME,LEA_NAME,LEAID,NCESSCH,SY_STATUS_TEXT,UPDATED_STATUS_TEXT,LEVEL',
    '2022-2023,50,VERMONT,VT,Adams Elementary School,North,5000001,500000100001,Open,Open,Elementary',
    '2022-2023,50,VERMONT,VT,Baker Middle School,North,5000001,500000100002,Open,Open,Middle',
    '2022-2023,50,VERMONT,VT,Carter School,North,5000001,500000100003,Open,Closed,Elementary',
    '2022-2023,50,VERMONT,VT,Dunn High School,North,5000001,500000100004,Future,Future,High',
    '2022-2023,50,VERMONT,VT,Elm Elementary School,South,5000002,500000200001,Open,Open,Elementary'
  ].join('\r\n') + '\r\n';
  const total = 'Education Unit Total';
  const membership = [
    'NCESSCH,SCH_NAME,GRADE,RACE_ETHNICITY,SEX,STUDENT_COUNT,TOTAL_INDICATOR,DMS_FLAG',
    '500000100001,Adams Elementary School,Grade 1,White,Female,40,Category Set A - By Race/Ethnicity; Sex; Grade,Reported',
    `500000100001,Adams Elementary School,No Category Codes,No Category Codes,No Category Codes,412,${total},Reported`,
    `500000100002,Baker Middle School,No Category Codes,No Category Codes,No Category Codes,615,${total},Reported`,
    '500000100002,Baker Middle School,Grade 6,No Category Codes,No Category Codes,200,Subtotal 4 - By Grade,Reported',
    `500000100003,Carter School,No Category Codes,No Category Codes,No Category Codes,90,${total},Reported`,
    `500000200001,Elm Elementary School,No Category Codes,No Category Codes,No Category Codes,300,${total},Reported`
  ].join('\r\n') + '\r\n';
  const geocodes = 'NCESSCH|LEAID|NAME|LAT|LON\n500000100001|5000001|Adams Elementary School|44.26|-72.58\n500000100002|5000001|Baker Middle School|44.20|-72.50\n500000200001|5000002|Elm Elementary School|43.6|-72.9\n';
  const staff = 'school_id,role,fte\n500000100001,psych,1\n500000100002,counselor,2\n500000200001,nurse,1\n';
  const services = 'school_id,provider,provider_type,service,tier,capacity\n*,Crisis Team,community,crisis intervention,3,60\n';
  const state = (more: LoadFile[] = []) => [
    file('schools', 'ccd_sch_029.csv', directory),
    file('enrollment', 'ccd_sch_052.csv', membership),
    file('locations', 'EDGE_GEOCODE.TXT', geocodes),
    file('staff', 'staff.csv', staff),
    file('services', 'services.csv', services),
    ...more
  ];

  it('load the CCD directory, membership and EDGE files as one district: closed and future schools left out, enrollment and coordinates filled', async () => {
    const outcome = await session.load(state(), { replaceAll: true, district: '5000001' });
    expect(outcome.errors).toEqual([]);
    expect(lines(without(outcome.warnings, EXTRA))).toEqual([
      'ccd_sch_029.csv:4: warning: 2 schools left out for their CCD status (Closed: 1, Future: 1)',
      'ccd_sch_029.csv:6: warning: 1 school of other districts left out: district 5000001 is kept (2 schools)',
      'ccd_sch_052.csv:6: warning: 2 rows for schools left out (closed, inactive, future, or of another district) ignored',
      'EDGE_GEOCODE.TXT:4: warning: 1 row for schools left out (closed, inactive, future, or of another district) ignored',
      'staff.csv:4: warning: 1 row for schools left out (closed, inactive, future, or of another district) ignored'
    ]);
    expect(await rows('SELECT school_id, enrollment, level, latitude, longitude, district_id, district_name FROM schools ORDER BY _row')).toEqual([
      { school_id: '500000100001', enrollment: 412, level: 'elementary', latitude: 44.26, longitude: -72.58, district_id: '5000001', district_name: 'North' },
      { school_id: '500000100002', enrollment: 615, level: 'middle', latitude: 44.2, longitude: -72.5, district_id: '5000001', district_name: 'North' }
    ]);
    // A district-wide service is shared among the schools kept.
    expect(await rows('SELECT sum(capacity) AS c FROM tier_gaps WHERE tier = 3')).toEqual([{ c: 60 }]);
    expect(await rows('SELECT kind, file_name, rows FROM input_files ORDER BY kind')).toEqual([
      { kind: 'enrollment', file_name: 'ccd_sch_052.csv', rows: 2 },
      { kind: 'locations', file_name: 'EDGE_GEOCODE.TXT', rows: 2 },
      { kind: 'schools', file_name: 'ccd_sch_029.csv', rows: 2 },
      { kind: 'services', file_name: 'services.csv', rows: 1 },
      { kind: 'staff', file_name: 'staff.csv', rows: 2 }
    ]);
  });

  it('recognize the parts by their headers, and list the districts of a state file', async () => {
    const header = (t: string, d = ',') => t.split(/\r?\n/)[0].split(d);
    expect(detectInputKind(header(directory), [])).toBe('schools');
    expect(detectInputKind(header(membership), [])).toBe('enrollment');
    expect(detectInputKind(header(geocodes, '|'), [])).toBe('locations');
    expect(await session.districts({ kind: 'schools', source: text('ccd_sch_029.csv', directory) })).toEqual([
      { district_id: '5000001', district_name: 'North', schools: 2 },
      { district_id: '5000002', district_name: 'South', schools: 1 }
    ]);
  });

  it('load the whole state without a district, and refuse a district that is not there', async () => {
    const whole = await session.load(state(), { replaceAll: true });
    expect(whole.errors).toEqual([]);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM schools')).toEqual([{ n: 3 }]);
    const unknown = await session.load(state(), { replaceAll: true, district: '5099999' });
    expect(lines(unknown.errors)).toEqual([
      'ccd_sch_029.csv:1: district_id: no school is in district "5099999"; the file\'s districts are 5000001 North (2 schools), 5000002 South (1 school)'
    ]);
    const noColumn = await session.load(district(file('staff', 'staff.csv', 'school_id,role,fte\nA,psych,1\n')), { replaceAll: true, district: '5000001' });
    expect(where(noColumn.errors)).toEqual(['schools.csv:1: district_id']);
  });

  it('use the separate file where both give a value, with a warning; every school kept still needs an enrollment', async () => {
    const schools = 'school_id,school_name,enrollment\nA,Adams,500\nB,Baker,\n';
    const outcome = await session.load(
      [file('schools', 'schools.csv', schools), file('enrollment', 'enrollment.csv', 'school_id,enrollment\nA,510\nB,700\nZ,5\n'), file('staff', 'staff.csv', 'school_id,role,fte\nA,psych,1\n'), file('services', 'services.csv', SERVICES)],
      { replaceAll: true }
    );
    expect(outcome.errors).toEqual([]);
    expect(lines(without(outcome.warnings, EXTRA))).toEqual([
      "enrollment.csv:2: warning: the enrollment of 1 school differs from the schools file's; this file's is used (first: A: 500 → 510)",
      'enrollment.csv:1: warning: 1 row for schools not in the schools file ignored'
    ]);
    expect(await rows('SELECT school_id, enrollment FROM schools ORDER BY _row')).toEqual([
      { school_id: 'A', enrollment: 510 },
      { school_id: 'B', enrollment: 700 }
    ]);
    const missing = await session.load(
      [file('schools', 'schools.csv', schools), file('enrollment', 'enrollment.csv', 'school_id,enrollment\nA,510\n'), file('staff', 'staff.csv', 'school_id,role,fte\nA,psych,1\n'), file('services', 'services.csv', SERVICES)],
      { replaceAll: true }
    );
    expect(where(missing.errors)).toEqual(['schools.csv:3: enrollment']);
    const alone = await session.load([file('enrollment', 'enrollment.csv', 'school_id,enrollment\nA,510\n')]);
    expect(lines(alone.errors)).toEqual(["enrollment.csv:1: fills the schools file's enrollment: load it with schools.csv"]);
  });
});

describe('reading files as exports write them', () => {
  it('skip title lines above the header and footnotes below, read ="…" cells, †/–/‡ as blank, and drop bracketed header qualifiers', async () => {
    const elsi = [
      '"ELSI Export"',
      '"Source: U.S. Department of Education, National Center for Education Statistics, Common Core of Data (CCD), ""Public Elementary/Secondary School Universe Survey"", 2022-23 v.1a."',
      '',
      'School Name,State Name [Public School] Latest available year,School ID - NCES Assigned [Public School] Latest available year,Agency ID - NCES Assigned [Public School] Latest available year,Total Students All Grades (Excludes AE) [Public School] 2022-23,Latitude [Public School] 2022-23,Longitude [Public School] 2022-23',
      'Adams Elementary School,="Vermont",="500000100001",="5000001",="412",44.26,-72.58',
      'Baker Middle School,="Vermont",="500000100002",="5000001",615,‡,‡',
      '"Data Source: U.S. Department of Education, National Center for Education Statistics, Common Core of Data (CCD)."',
      '"† indicates that the data are not applicable."',
      '"– indicates that the data do not meet NCES data quality standards."',
      '"‡ indicates that the data are missing."'
    ].join('\n') + '\n';
    const outcome = await session.load(
      [
        file('schools', 'ELSI_csv_export.csv', elsi),
        file('staff', 'staff.csv', 'school_id,role,fte\n500000100001,psych,1\n'),
        file('services', 'services.csv', 'school_id,provider,provider_type,service,tier,capacity\n*,P,community,mentoring,2,10\n')
      ],
      { replaceAll: true }
    );
    expect(outcome.errors).toEqual([]);
    expect(lines(without(outcome.warnings, EXTRA))).toEqual([
      'ELSI_csv_export.csv:1: warning: 2 lines above the header row skipped (a title or notes)',
      'ELSI_csv_export.csv:1: warning: 4 note lines below the data skipped'
    ]);
    expect(await rows('SELECT _row, school_id, enrollment, latitude, district_id FROM schools ORDER BY _row')).toEqual([
      { _row: 5, school_id: '500000100001', enrollment: 412, latitude: 44.26, district_id: '5000001' },
      { _row: 6, school_id: '500000100002', enrollment: 615, latitude: null, district_id: '5000001' }
    ]);
  });

  it('read bare-CR line ends (classic Mac) and a pipe-delimited file', async () => {
    const outcome = await session.load(
      [
        file('schools', 'schools.csv', 'school_id|school_name|enrollment\rA|Adams|500\rB|Baker|750\r'),
        file('staff', 'staff.csv', 'school_id,role,fte\rA,psych,1\r\rB,nurse,2\r'),
        file('services', 'services.csv', SERVICES)
      ],
      { replaceAll: true }
    );
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, enrollment FROM schools ORDER BY _row')).toEqual([
      { school_id: 'A', enrollment: 500 },
      { school_id: 'B', enrollment: 750 }
    ]);
    // The blank line still counts as a row.
    expect(await rows('SELECT _row, school_id FROM staff ORDER BY _row')).toEqual([
      { _row: 2, school_id: 'A' },
      { _row: 4, school_id: 'B' }
    ]);
  });
});

describe('survey answers and school names as families write them', () => {
  beforeEach(async () => {
    const outcome = await session.load(district(file('staff', 'staff.csv', 'school_id,role,fte\nA,psych,1\n')), { replaceAll: true });
    expect(outcome.errors).toEqual([]);
  });

  it('report an unknown school or answer once per spelling; the mappings give it a meaning, no answer, or leave the responses out', async () => {
    const { loadTemplate } = await import('../../src/cli/inputs');
    const template = await loadTemplate();
    const header = `school,${template.items.map((i) => i.id).join(',')}`;
    const answers = (a: string) => template.items.map(() => a).join(',');
    const body = [
      `Adams Elem.,${answers('Totally agree')}`,
      `Adams Elem.,${answers('Agree')}`,
      `,${answers('Agree')}`,
      `Baker Middle School,${answers('Pas sûr')}`,
      `Visitor,${answers('Agree')}`
    ];
    const survey = (): LoadFile => ({ kind: 'survey', source: text('survey.csv', [header, ...body].join('\n') + '\n'), template });
    const refused = await session.load([survey()]);
    expect(refused.errors.filter((e) => e.mapAs === 'school').map((e) => [e.row, e.value, e.rows])).toEqual([
      [2, 'Adams Elem.', 2],
      [6, 'Visitor', 1]
    ]);
    expect(refused.errors.filter((e) => e.mapAs === 'aware_1').map((e) => [e.row, e.value, e.rows])).toEqual([
      [2, 'Totally agree', 1],
      [5, 'Pas sûr', 1]
    ]);
    const mappings: ValueMapping[] = [
      { file: 'survey', column: 'school', value: 'adams elem.', means: 'A' },
      { file: 'survey', column: 'school', value: 'Visitor', means: 'leave out' },
      { file: 'survey', column: 'answer', value: 'Totally agree', means: '5' },
      { file: 'survey', column: 'answer', value: 'Pas sûr', means: 'missing' }
    ];
    const loaded = await session.load([survey()], { mappings });
    expect(loaded.errors).toEqual([]);
    expect(lines(loaded.warnings)).toEqual([
      'survey.csv:6: school: warning: "Visitor" left out, as the mappings say (1 row: 6)',
      'survey.csv:4: school: warning: 1 response names no school: not scored'
    ]);
    expect(await rows('SELECT school_id, count(*)::INTEGER AS n FROM survey_responses GROUP BY school_id ORDER BY school_id')).toEqual([
      { school_id: 'A', n: 2 },
      { school_id: 'B', n: 1 }
    ]);
    // Baker's answers were all "no answer"; Adams' are 5 and 4 on every item.
    expect(await rows("SELECT r.school_id, a.value, count(*)::INTEGER AS n FROM survey_answers a JOIN survey_responses r USING (respondent) WHERE a.item_id = 'aware_1' GROUP BY ALL ORDER BY ALL")).toEqual([
      { school_id: 'A', value: 4, n: 1 },
      { school_id: 'A', value: 5, n: 1 }
    ]);
  });
});
