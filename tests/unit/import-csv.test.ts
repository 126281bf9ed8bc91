/**
 * The data contract's rules for reading input files, one by one, against DuckDB itself.
 * Fixture expectations come from tests/fixtures/README.md.
 */
import ExcelJS from 'exceljs';
import { importDistrict } from '../../src/lib/core/import/importer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import type { SourceFile } from '../../src/lib/core/import/source';
import {
  clearDistrict,
  fixture,
  load,
  openEngine,
  otherWarnings,
  text,
  unusedColumns,
  where
} from '../helpers/district';

let engine: Engine;
beforeAll(async () => (engine = await openEngine()));
afterAll(() => engine.close());
beforeEach(() => clearDistrict(engine));

const rows = <T = Record<string, unknown>>(sql: string) => engine.query<T>(sql);

const SCHOOLS_AB = 'school_id,school_name,enrollment\nA,Alder Elementary,400\nB,Birch Middle School,800\n';
const schoolsAB = () => text('schools.csv', SCHOOLS_AB);

/** Loads a schools file alone and returns the outcome. */
const loadSchools = (content: string, name = 'schools.csv') => load(engine, { schools: text(name, content) });

describe('text encoding and line ends', () => {
  it('reads a UTF-8 file with a byte-order mark; the BOM does not end up in the first header', async () => {
    const outcome = await loadSchools('\uFEFFschool_id,school_name,enrollment\nA,Ana Peña School,10\n');
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, school_name FROM schools')).toEqual([{ school_id: 'A', school_name: 'Ana Peña School' }]);
  });

  it('reads \\r\\n line ends without leaving \\r in the last column', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\r\nA,Alder,400\r\nB,Birch,800\r\n');
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, enrollment FROM schools ORDER BY _row')).toEqual([
      { school_id: 'A', enrollment: 400 },
      { school_id: 'B', enrollment: 800 }
    ]);
  });

  it('reads a Windows-1252 file (as Excel saves "CSV") with a warning', async () => {
    const header = new TextEncoder().encode('school_id,school_name,enrollment\nA,');
    const jose = [0x4a, 0x6f, 0x73, 0xe9]; // "José" in Windows-1252
    const tail = new TextEncoder().encode(' School,10\n');
    const source: SourceFile = { name: 'schools.csv', data: new Uint8Array([...header, ...jose, ...tail]) };
    const outcome = await load(engine, { schools: source });
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([expect.objectContaining({ file: 'schools.csv', row: 1, message: expect.stringMatching(/Windows-1252/) })]);
    expect(await rows('SELECT school_name FROM schools')).toEqual([{ school_name: 'José School' }]);
  });
});

describe('RFC 4180 quoting and row numbers', () => {
  it('keeps quoted commas, doubled quotes and line breaks in their cell', async () => {
    const outcome = await loadSchools(
      'school_id,school_name,enrollment\n' +
        'S02,"Hillcrest K-8 School, North Campus",734\n' +
        'S03,"Eastside ""Pathways"" High School","1,480"\n' +
        'B02,"Maple Grove Middle School\n(6th Grade Academy)",500\n'
    );
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT _row, school_name, enrollment FROM schools ORDER BY _row')).toEqual([
      { _row: 2, school_name: 'Hillcrest K-8 School, North Campus', enrollment: 734 },
      { _row: 3, school_name: 'Eastside "Pathways" High School', enrollment: 1480 },
      { _row: 4, school_name: 'Maple Grove Middle School\n(6th Grade Academy)', enrollment: 500 }
    ]);
  });

  it('keeps a row with a quoted line break as one spreadsheet row when numbering later rows', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\nA,"Maple Grove\n(Annex)",10\nB,Birch,abc\n');
    // Physical line 4, spreadsheet row 3.
    expect(where(outcome.errors)).toEqual(['schools.csv:3: enrollment']);
  });

  it('skips blank lines but counts them in row numbers', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\nA,Alder,10\n\nB,Birch,abc\n');
    expect(where(outcome.errors)).toEqual(['schools.csv:4: enrollment']);
    expect(outcome.errors[0].message).toContain('"abc"');
  });

  it('skips blank \\r\\n lines and Excel\'s ",,,," rows, counting both', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\r\nA,Alder,10\r\n\r\n,,\r\nB,Birch,abc\r\n,,\r\n');
    expect(where(outcome.errors)).toEqual(['schools.csv:5: enrollment']);
    const ok = await loadSchools('school_id,school_name,enrollment\nA,Alder,10\n,,\n \nB,Birch,20\n');
    expect(ok.errors).toEqual([]);
    expect(await rows('SELECT _row, school_id FROM schools ORDER BY _row')).toEqual([
      { _row: 2, school_id: 'A' },
      { _row: 5, school_id: 'B' }
    ]);
  });
});

describe('headers', () => {
  it('match case-insensitively, treating spaces, hyphens and underscores alike and ignoring them at either end', async () => {
    const outcome = await loadSchools(' School-ID ,SCHOOL NAME,_Enrollment_,LEVEL_\nA,Alder,10,middle\n');
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(await rows('SELECT school_id, school_name, enrollment, level FROM schools')).toEqual([
      { school_id: 'A', school_name: 'Alder', enrollment: 10, level: 'middle' }
    ]);
  });

  it('accept the synonyms of every schools column', async () => {
    const outcome = await loadSchools(
      'School Code,Sch Name,Student Count,School Level,Lat,Long,Free Reduced Lunch Pct,English Learners Pct\nA,Alder,10,high,41.5,-72.5,40,12\n'
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(await rows('SELECT school_id, school_name, enrollment, level, latitude, longitude, frl_pct, ell_pct FROM schools')).toEqual([
      { school_id: 'A', school_name: 'Alder', enrollment: 10, level: 'high', latitude: 41.5, longitude: -72.5, frl_pct: 40, ell_pct: 12 }
    ]);
  });

  it.each([
    ['NCESSCH,SCH_NAME,TOTAL_STUDENTS,LAT,LNG', '090000100001'],
    ['NCES ID,School,Total Enrollment,Latitude,Lon', '090000100001'],
    ['id,name,students,lat,longitude', '090000100001']
  ])('read %s as school_id, school_name, enrollment and coordinates', async (header, id) => {
    const outcome = await loadSchools(`${header}\n${id},Alder,10,41.5,-72.5\n`);
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, school_name, enrollment, latitude, longitude FROM schools')).toEqual([
      { school_id: id, school_name: 'Alder', enrollment: 10, latitude: 41.5, longitude: -72.5 }
    ]);
  });

  it('accept the synonyms of the staff columns', async () => {
    for (const header of ['School ID,Position,FTE Assigned', 'school code,Title,Full Time Equivalent', 'NCESID,job,fte']) {
      await clearDistrict(engine);
      const outcome = await load(engine, { schools: schoolsAB(), staff: text('staff.csv', `${header}\nA,counselor,0.5\n`) });
      expect(outcome.errors, header).toEqual([]);
      expect(await rows('SELECT school_id, role, fte FROM staff'), header).toEqual([{ school_id: 'A', role: 'school_counselor', fte: 0.5 }]);
    }
  });

  it('accept the synonyms of the services columns', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text(
        'services.csv',
        'School Code,Organization,Provider Category,Program,Level of Support,Seats,Language,Diagnosis Required,Funding Source,Data Sharing Agreement\n' +
          'A,Bay Clinic,community,mentoring,2,30,en;es,no,Grant,yes\n'
      )
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(await rows('SELECT school_id, provider, provider_type, service, tier, capacity, languages, requires_diagnosis, funding, agreement FROM services')).toEqual([
      {
        school_id: 'A',
        provider: 'Bay Clinic',
        provider_type: 'community',
        service: 'mentoring',
        tier: 2,
        capacity: 30,
        languages: 'en;es',
        requires_diagnosis: false,
        funding: 'Grant',
        agreement: true
      }
    ]);
    await clearDistrict(engine);
    const other = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', 'ID,Provider Name,Type,Service Type,MTSS Tier,Students Served,Billed to Insurance,MOU\nB,Team,school,screening,1,800,n,n\n')
    });
    expect(other.errors).toEqual([]);
    expect(await rows('SELECT school_id, provider, provider_type, service, tier, capacity, requires_diagnosis, agreement FROM services')).toEqual([
      { school_id: 'B', provider: 'Team', provider_type: 'school', service: 'screening', tier: 1, capacity: 800, requires_diagnosis: false, agreement: false }
    ]);
  });

  it('accept the synonyms of the needs columns', async () => {
    for (const header of ['School ID,MTSS Tier,Students Identified', 'school_code,tier,count']) {
      await clearDistrict(engine);
      const outcome = await load(engine, { schools: schoolsAB(), needs: text('needs.csv', `${header}\nB,3,70\n`) });
      expect(outcome.errors, header).toEqual([]);
      expect(await rows('SELECT school_id, tier, students FROM needs'), header).toEqual([{ school_id: 'B', tier: 3, students: 70 }]);
    }
  });

  it('prefer the canonical name over a synonym that comes first, with a warning on the synonym', async () => {
    const outcome = await loadSchools('name,school_id,school_name,enrollment\nOld Name,A,Alder Elementary,10\n');
    expect(outcome.errors).toEqual([]);
    expect(where(otherWarnings(outcome.warnings))).toEqual(['schools.csv:1: name']);
    expect(await rows(`SELECT school_name, extra['name'] AS kept FROM schools`)).toEqual([{ school_name: 'Alder Elementary', kept: 'Old Name' }]);
  });

  it('take the first of several synonyms, with a warning on the others', async () => {
    const outcome = await loadSchools('school_id,School,Sch Name,enrollment,Grade Span,Type\nA,Alder,Alder Elem.,10,k8,other\n');
    expect(outcome.errors).toEqual([]);
    expect(where(otherWarnings(outcome.warnings))).toEqual(['schools.csv:1: Sch Name', 'schools.csv:1: Type']);
    expect(otherWarnings(outcome.warnings)[0].message).toContain('school_name');
    expect(await rows(`SELECT school_name, level, extra['Sch Name'] AS sch_name, extra['Type'] AS type FROM schools`)).toEqual([
      { school_name: 'Alder', level: 'k8', sch_name: 'Alder Elem.', type: 'other' }
    ]);
  });

  it('may come in any order', async () => {
    const outcome = await loadSchools('longitude,enrollment,level,school_name,latitude,school_id\n-72.5,10,high,Alder,41.5,A\n');
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, school_name, enrollment, level, latitude, longitude FROM schools')).toEqual([
      { school_id: 'A', school_name: 'Alder', enrollment: 10, level: 'high', latitude: 41.5, longitude: -72.5 }
    ]);
  });

  it('keep a header holding a NUL byte (a damaged file) as an extra attribute: DuckDB never sees a broken literal', async () => {
    // Found by fuzz-import (seed -1804869441): the NUL ended the SQL literal of the extras map's key.
    const outcome = await loadSchools('school_id,school_name,enrollment,\u0000level\nA,Alder,10,elementary\n');
    expect(outcome.errors).toEqual([]);
    expect(unusedColumns(outcome.warnings)).toEqual(['\u0000level']);
    expect(await rows(`SELECT extra[chr(0) || 'level'] AS level FROM schools`)).toEqual([{ level: 'elementary' }]);
  });

  it('keep unknown columns as extra attributes, with a warning, and never reject them', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment,Principal,Zip\nA,Alder,10,Ana Peña,06091\nB,Birch,20,,\n');
    expect(outcome.errors).toEqual([]);
    expect(unusedColumns(outcome.warnings)).toEqual(['Principal', 'Zip']);
    expect(outcome.warnings.every((w) => w.row === 1 && w.severity === 'warning')).toBe(true);
    expect(await rows(`SELECT school_id, extra['Principal'] AS principal, extra['Zip'] AS zip FROM schools ORDER BY _row`)).toEqual([
      { school_id: 'A', principal: 'Ana Peña', zip: '06091' },
      { school_id: 'B', principal: null, zip: null }
    ]);
  });
});

describe('values', () => {
  it('read numbers with thousands separators and surrounding spaces', async () => {
    const outcome = await load(engine, {
      schools: text('schools.csv', 'school_id,school_name,enrollment,latitude,longitude\nA,Alder,"1,480", 41.77 , -72.66\nB,Birch, 389 ,,\nC,Cedar,"12,345,678",,\n'),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych, 0.5 \n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,Team,school,screening,1,"1,215"\n')
    });
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT school_id, enrollment, latitude, longitude FROM schools ORDER BY _row')).toEqual([
      { school_id: 'A', enrollment: 1480, latitude: 41.77, longitude: -72.66 },
      { school_id: 'B', enrollment: 389, latitude: null, longitude: null },
      { school_id: 'C', enrollment: 12345678, latitude: null, longitude: null }
    ]);
    expect(await rows('SELECT fte FROM staff')).toEqual([{ fte: 0.5 }]);
    expect(await rows('SELECT capacity FROM services')).toEqual([{ capacity: 1215 }]);
  });

  it('reject a comma that is not a thousands separator rather than guess', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\nA,Alder,"1,48"\nB,Birch,"14,80"\n');
    expect(where(outcome.errors)).toEqual(['schools.csv:2: enrollment', 'schools.csv:3: enrollment']);
  });

  it('read percentages with a trailing %, and only percentages', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment,frl_pct,ell_pct\nA,Alder,10,62.5%,18 %\nB,Birch,20,48,\n');
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT frl_pct, ell_pct FROM schools ORDER BY _row')).toEqual([
      { frl_pct: 62.5, ell_pct: 18 },
      { frl_pct: 48, ell_pct: null }
    ]);
    const bad = await loadSchools('school_id,school_name,enrollment\nA,Alder,10%\n');
    expect(where(bad.errors)).toEqual(['schools.csv:2: enrollment']);
  });

  it('read every spelling of the three tiers', async () => {
    const spellings: [string, number][] = [
      ['1', 1], ['Tier 1', 1], ['T1', 1], ['I', 1], ['universal', 1],
      ['2', 2], ['Tier 2', 2], ['t2', 2], ['II', 2], ['Targeted', 2], ['secondary', 2],
      ['3', 3], ['TIER 3', 3], ['T3', 3], ['III', 3], ['intensive', 3], ['Tertiary', 3]
    ];
    const body = spellings.map(([tier], i) => `A,Provider ${i},school,mentoring,${tier},1`).join('\n');
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', `school_id,provider,provider_type,service,tier,capacity\n${body}\n`),
      needs: text('needs.csv', 'school_id,tier,students\nA,Tier 2,58\nA,III,21\nB,universal,800\n')
    });
    expect(outcome.errors).toEqual([]);
    expect((await rows<{ tier: number }>('SELECT tier FROM services ORDER BY _row')).map((r) => r.tier)).toEqual(spellings.map(([, t]) => t));
    expect((await rows<{ tier: number }>('SELECT tier FROM needs ORDER BY _row')).map((r) => r.tier)).toEqual([2, 3, 1]);
  });

  it('reject a tier outside 1–3', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,P,school,mentoring,4,1\nA,P,school,mentoring,IV,1\nA,P,school,mentoring,Tier 0,1\n')
    });
    expect(where(outcome.errors)).toEqual(['services.csv:2: tier', 'services.csv:3: tier', 'services.csv:4: tier']);
  });

  it('read every accepted role name, case-insensitively', async () => {
    const names: [string, string][] = [
      ['School Psychologist', 'school_psychologist'], ['psychologist', 'school_psychologist'], ['PSYCH', 'school_psychologist'],
      ['school_counselor', 'school_counselor'], ['Counselor', 'school_counselor'], ['Guidance Counselor', 'school_counselor'],
      ['School Social Worker', 'school_social_worker'], ['social worker', 'school_social_worker'], ['SW', 'school_social_worker'],
      ['School Nurse', 'school_nurse'], ['nurse', 'school_nurse'], ['RN', 'school_nurse']
    ];
    const body = names.map(([role]) => `A,${role},0.1`).join('\n');
    const outcome = await load(engine, { schools: schoolsAB(), staff: text('staff.csv', `school_id,role,fte\n${body}\n`) });
    expect(outcome.errors).toEqual([]);
    expect((await rows<{ role: string }>('SELECT role FROM staff ORDER BY _row')).map((r) => r.role)).toEqual(names.map(([, r]) => r));
  });

  it('reject a role that is not a mental health role', async () => {
    const outcome = await load(engine, { schools: schoolsAB(), staff: text('staff.csv', 'school_id,role,fte\nA,Librarian,1\nA,psych,1\n') });
    expect(where(outcome.errors)).toEqual(['staff.csv:2: role']);
    expect(outcome.errors[0].message).toContain('"Librarian"');
  });

  it('read yes/no as yes/no, y/n, true/false and 1/0, case-insensitively, blank as empty', async () => {
    const pairs = [['yes', 'No'], ['Y', 'n'], ['TRUE', 'false'], ['1', '0'], ['', '']];
    const body = pairs.map(([d, a], i) => `A,P${i},community,mentoring,2,1,${d},${a}`).join('\n');
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', `school_id,provider,provider_type,service,tier,capacity,requires_diagnosis,agreement\n${body}\n`)
    });
    expect(outcome.errors).toEqual([]);
    expect(await rows('SELECT requires_diagnosis AS d, agreement AS a FROM services ORDER BY _row')).toEqual([
      { d: true, a: false },
      { d: true, a: false },
      { d: true, a: false },
      { d: true, a: false },
      { d: null, a: null }
    ]);
    await clearDistrict(engine);
    const bad = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity,requires_diagnosis,agreement\nA,P,school,mentoring,2,1,maybe,si\n')
    });
    expect(where(bad.errors)).toEqual(['services.csv:2: requires_diagnosis', 'services.csv:2: agreement']);
  });

  it('read provider types case-insensitively and reject others', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,P,School,mentoring,2,1\nA,Q,COMMUNITY,mentoring,2,1\nA,R,hospital,mentoring,2,1\n')
    });
    expect(where(outcome.errors)).toEqual(['services.csv:4: provider_type']);
  });

  it('read service types in their human forms, and keep an unknown service with a warning', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      services: text(
        'services.csv',
        'school_id,provider,provider_type,service,tier,capacity\n' +
          'A,P,school,Individual counseling,3,5\nA,P,school,SEL curriculum,1,400\nA,P,school,Check-in/Check-out,2,20\nA,P,school,crisis_intervention,3,5\nA,P,school,Yoga club,1,30\n'
      )
    });
    expect(outcome.errors).toEqual([]);
    expect(where(outcome.warnings)).toEqual(['services.csv:6: service']);
    expect(outcome.warnings[0].message).toContain('Yoga club');
    expect((await rows<{ service: string }>('SELECT service FROM services ORDER BY _row')).map((r) => r.service)).toEqual([
      'individual_counseling',
      'sel_curriculum',
      'check_in_check_out',
      'crisis_intervention',
      'Yoga club'
    ]);
  });

  it('read levels case-insensitively, K-8 and K8 as k8; any other level is a warning and leaves it empty', async () => {
    const outcome = await loadSchools(
      'school_id,school_name,enrollment,level\nA,a,1,Elementary\nB,b,1,K-8\nC,c,1,k8\nD,d,1,HIGH\nE,e,1,K-12\nF,f,1,NOT REPORTED\nG,g,1,\n'
    );
    expect(outcome.errors).toEqual([]);
    expect(where(outcome.warnings)).toEqual(['schools.csv:7: level']);
    expect(outcome.warnings[0].message).toContain('NOT REPORTED');
    expect((await rows<{ level: string | null }>('SELECT level FROM schools ORDER BY _row')).map((r) => r.level)).toEqual([
      'elementary',
      'k8',
      'k8',
      'high',
      'k12',
      null,
      null
    ]);
  });

  it('take both coordinates or neither', async () => {
    const outcome = await loadSchools(
      'school_id,school_name,enrollment,latitude,longitude\nA,a,1,41.5,-72.5\nB,b,1,,\nC,c,1,41.5,\nD,d,1,,-72.5\n'
    );
    expect(where(outcome.errors)).toEqual(['schools.csv:4: longitude', 'schools.csv:5: latitude']);
  });

  it('check the range of every number', async () => {
    const outcome = await loadSchools(
      'school_id,school_name,enrollment,latitude,longitude,frl_pct,ell_pct\n' +
        'A,a,0,90,180,0,100\n' + // row 2: every bound itself is fine
        'B,b,1,-90,-180,100%,0%\n' + // row 3
        'C,c,1,90.5,10,,\n' + // row 4: latitude
        'D,d,1,10,-180.1,,\n' + // row 5: longitude
        'E,e,1,,,100.1,\n' + // row 6: frl_pct
        'F,f,1,,,,-1\n' + // row 7: ell_pct
        'G,g,-1,,,,\n' + // row 8: enrollment below 0
        'H,h,12.5,,,,\n' // row 9: enrollment not whole
    );
    expect(where(outcome.errors)).toEqual([
      'schools.csv:4: latitude',
      'schools.csv:5: longitude',
      'schools.csv:6: frl_pct',
      'schools.csv:7: ell_pct',
      'schools.csv:8: enrollment',
      'schools.csv:9: enrollment'
    ]);
  });

  it('take fte above 0 and at most 50 (a school total in one row), capacity and students as whole numbers of 0 or more', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych,2\nA,psych,0.01\nA,psych,0\nA,psych,50.01\nA,psych,-0.5\nA,counselor,3.0\nB,counselor,50\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,P,school,mentoring,2,0\nA,P,school,mentoring,2,1.5\n'),
      needs: text('needs.csv', 'school_id,tier,students\nA,2,0\nA,3,-2\n')
    });
    expect(where(outcome.errors)).toEqual([
      'staff.csv:4: fte',
      'staff.csv:5: fte',
      'staff.csv:6: fte',
      'services.csv:3: capacity',
      'needs.csv:3: students'
    ]);
  });

  it('report a required cell left blank, naming its column', async () => {
    const outcome = await load(engine, {
      schools: text('schools.csv', 'school_id,school_name,enrollment\nA,,400\n,Birch,800\n'),
      staff: text('staff.csv', 'school_id,role,fte\nA,, 1\n')
    });
    expect(where(outcome.errors)).toEqual(['schools.csv:2: school_name', 'schools.csv:3: school_id', 'staff.csv:2: role']);
    expect(outcome.errors[0].message).toMatch(/required/);
  });
});

describe('schools referred to by the other files', () => {
  it('report staff, services and needs rows whose school is not in the schools file', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych,1\nZ,psych,1\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nQ,P,school,mentoring,2,1\nB,P,school,mentoring,2,1\n'),
      needs: text('needs.csv', 'school_id,tier,students\nB,3,70\nC,3,7\n')
    });
    expect(where(outcome.errors)).toEqual(['staff.csv:3: school_id', 'services.csv:2: school_id', 'needs.csv:3: school_id']);
    expect(outcome.errors[0].message).toContain('"Z"');
    expect(outcome.errors[0].message).toContain('schools.csv');
  });

  it('allow * (every school) in services only', async () => {
    const outcome = await load(engine, {
      schools: schoolsAB(),
      staff: text('staff.csv', 'school_id,role,fte\n*,psych,1\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\n*,Crisis Team,community,crisis intervention,3,60\n'),
      needs: text('needs.csv', 'school_id,tier,students\n*,3,70\n')
    });
    expect(where(outcome.errors)).toEqual(['staff.csv:2: school_id', 'needs.csv:2: school_id']);
    expect(outcome.errors[0].message).toBe('"*" (every school) is only for services; name one school');
  });

  it('report a duplicate school id at its second row, naming the first', async () => {
    const outcome = await loadSchools('school_id,school_name,enrollment\nA,Alder,1\nB,Birch,1\nA,Alder Annex,1\n');
    expect(where(outcome.errors)).toEqual(['schools.csv:4: school_id']);
    expect(outcome.errors[0].message).toMatch(/"A".*row 2/);
  });

  it('refuse new schools while loaded staff, services or needs point at a school they remove', async () => {
    const first = await load(engine, {
      schools: schoolsAB(),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych,1\nB,psych,1\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\n*,P,community,mentoring,2,10\nB,P,school,mentoring,2,1\n'),
      needs: text('needs.csv', 'school_id,tier,students\nB,3,70\n')
    });
    expect(first.errors).toEqual([]);
    const refused = await load(engine, { schools: text('schools-2025.csv', 'school_id,school_name,enrollment\nA,Alder,400\nC,Cedar,90\n') });
    expect(where(refused.errors)).toEqual(['staff.csv:3: school_id', 'services.csv:3: school_id', 'needs.csv:2: school_id']);
    expect(refused.errors[0].message).toContain('schools-2025.csv');
    expect(await rows('SELECT school_id FROM schools ORDER BY _row')).toEqual([{ school_id: 'A' }, { school_id: 'B' }]);
    // A blank id in the new schools file is an error of its own, and hides none of the others.
    const blankId = await load(engine, { schools: text('schools-2025.csv', 'school_id,school_name,enrollment\nA,Alder,400\n,Cedar,90\n') });
    expect(where(blankId.errors)).toEqual(['schools-2025.csv:3: school_id', 'staff.csv:3: school_id', 'services.csv:3: school_id', 'needs.csv:2: school_id']);
    // With new staff, services and needs that leave B out, the same schools file loads.
    const replaced = await load(engine, {
      schools: text('schools-2025.csv', 'school_id,school_name,enrollment\nA,Alder,400\nC,Cedar,90\n'),
      staff: text('staff.csv', 'school_id,role,fte\nC,psych,1\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\n*,P,community,mentoring,2,10\n'),
      needs: text('needs.csv', 'school_id,tier,students\n')
    });
    expect(replaced.errors).toEqual([]);
    expect(await rows('SELECT school_id FROM schools ORDER BY _row')).toEqual([{ school_id: 'A' }, { school_id: 'C' }]);
  });
});

describe('all or nothing', () => {
  it('report a missing required column at row 1, naming it, without an error for every row', async () => {
    const outcome = await load(engine, { schools: schoolsAB(), staff: text('staff.csv', 'school_id,role\nA,psych\nB,nurse\n') });
    expect(where(outcome.errors)).toEqual(['staff.csv:1: fte']);
    expect(outcome.errors[0].message).toMatch(/missing/);
    expect(outcome.errors[0].message).toContain('"fte assigned"');
  });

  it('report every error of every file of a set together', async () => {
    const outcome = await load(engine, {
      schools: text('schools.csv', 'school_id,school_name,enrollment\nA,Alder,400\nB,Birch,lots\n,Cedar,3\n'),
      staff: text('staff.csv', 'school_id,role,fte\nA,Librarian,1\nA,psych,1\nZ,psych,60\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,P,school,mentoring,2,1\nA,P,school,mentoring,5,1\n'),
      needs: text('needs.csv', 'school_id,tier\nA,2\n')
    });
    expect(where(outcome.errors).sort()).toEqual(
      [
        'schools.csv:3: enrollment',
        'schools.csv:4: school_id',
        'staff.csv:2: role',
        // Z is reported even though the schools file has a blank id (SQL's NOT IN meets a NULL).
        'staff.csv:4: school_id',
        'staff.csv:4: fte',
        'services.csv:3: tier',
        'needs.csv:1: students'
      ].sort()
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.loaded).toEqual({});
  });

  it('leave the tables exactly as they were when an import fails', async () => {
    const good = await load(engine, {
      schools: text('schools.csv', 'school_id,school_name,enrollment,Principal\nA,Alder,400,Ana\nB,Birch,800,Ben\n'),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych,1\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nA,P,school,mentoring,2,1\n'),
      needs: text('needs.csv', 'school_id,tier,students\nB,3,70\n')
    });
    expect(good.errors).toEqual([]);
    const snapshot = async () => [
      ...(await Promise.all(
        ['schools', 'staff', 'services', 'needs'].map((t) => rows(`SELECT * REPLACE (CAST(extra AS VARCHAR) AS extra) FROM ${t} ORDER BY _row`))
      )),
      await rows('SELECT * FROM input_files ORDER BY kind')
    ];
    const before = await snapshot();
    expect(before[0]).toHaveLength(2);

    // Good schools and services with an error in staff: nothing of the set may land.
    const bad = await load(engine, {
      schools: text('schools.csv', 'school_id,school_name,enrollment\nA,Alder,410\nB,Birch,790\nC,Cedar,50\n'),
      staff: text('staff.csv', 'school_id,role,fte\nA,psych,99\n'),
      services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nC,Q,school,screening,1,50\n')
    });
    expect(where(bad.errors)).toEqual(['staff.csv:2: fte']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('tab-separated and Excel files', () => {
  it('read .tsv and tab-separated .txt files, commas in cells included', async () => {
    const tsv = 'school_id\tschool_name\tenrollment\nA\tHillcrest K-8 School, North Campus\t1,480\n';
    for (const name of ['schools.tsv', 'schools.txt']) {
      await clearDistrict(engine);
      const outcome = await load(engine, { schools: text(name, tsv) });
      expect(outcome.errors, name).toEqual([]);
      expect(await rows('SELECT school_id, school_name, enrollment FROM schools'), name).toEqual([
        { school_id: 'A', school_name: 'Hillcrest K-8 School, North Campus', enrollment: 1480 }
      ]);
    }
  });

  it('read the first sheet of an .xlsx workbook: numbers, percentages, dates, and row numbers as the sheet shows them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Schools');
    sheet.addRow(['School ID', 'School Name', 'Total Enrollment', 'FRL Pct', 'Opened', 'Notes']);
    sheet.addRow(['S01', 'Riverside Elementary, Main', 1480, 0.625, new Date(Date.UTC(2019, 7, 26)), 'has "quotes"']);
    sheet.getCell('D2').numFmt = '0.0%';
    sheet.addRow([]); // row 3 left empty
    sheet.addRow(['S02', 'Hillcrest K-8', 734, 48, new Date(Date.UTC(2001, 0, 2)), { formula: '1+1', result: 2 }]);
    workbook.addWorksheet('Staff').addRow(['school_id', 'role', 'fte']);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());

    const outcome = await load(engine, { schools: { name: 'schools.xlsx', data } });
    expect(outcome.errors).toEqual([]);
    expect(unusedColumns(outcome.warnings)).toEqual(['Opened', 'Notes']);
    expect(await rows(`SELECT _row, school_id, school_name, enrollment, frl_pct, extra['Opened'] AS opened, extra['Notes'] AS notes FROM schools ORDER BY _row`)).toEqual([
      { _row: 2, school_id: 'S01', school_name: 'Riverside Elementary, Main', enrollment: 1480, frl_pct: 62.5, opened: '2019-08-26', notes: 'has "quotes"' },
      { _row: 4, school_id: 'S02', school_name: 'Hillcrest K-8', enrollment: 734, frl_pct: 48, opened: '2001-01-02', notes: '2' }
    ]);

    sheet.getCell('C4').value = -3;
    const bad = await load(engine, { schools: { name: 'schools.xlsx', data: new Uint8Array(await workbook.xlsx.writeBuffer()) } });
    expect(where(bad.errors)).toEqual(['schools.xlsx:4: enrollment']);
  });
});

describe('fixtures: public files load without editing', () => {
  it('NCES CCD directory, membership and EDGE files as published: one district, ids kept as text, enrollment and coordinates filled', async () => {
    const outcome = await importDistrict(
      engine,
      [
        { kind: 'schools', source: fixture('public/ccd_sch_029_2223_w_1a_083023.csv') },
        { kind: 'enrollment', source: fixture('public/ccd_sch_052_2223_l_1a_083023.csv') },
        { kind: 'locations', source: fixture('public/EDGE_GEOCODE_PUBLICSCH_2223.TXT') }
      ],
      { district: '0899902', replaceAll: true }
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.loaded).toEqual({ schools: 8 });
    const schools = await rows<{ school_id: string; level: string | null; enrollment: number; latitude: number }>('SELECT school_id, level, enrollment, latitude FROM schools ORDER BY _row');
    // Hand-worked in the fixtures README: the eight open schools, each Education Unit Total.
    expect(schools.map((s) => s.school_id)).toEqual(['089990200011', '089990200012', '089990200013', '089990200015', '089990200016', '089990200017', '089990200018', '089990200019']);
    expect(schools.map((s) => s.enrollment)).toEqual([386, 421, 298, 164, 612, 547, 1318, 58]);
    expect(schools[0].latitude).toBe(38.874512);
    expect(schools.map((s) => s.level)).toEqual(['elementary', 'elementary', 'elementary', 'elementary', 'middle', 'middle', 'high', null]);
    expect(await rows(`SELECT extra['FIPST'] AS fipst, extra['LZIP'] AS lzip FROM schools WHERE _row = (SELECT min(_row) FROM schools)`)).toEqual([{ fipst: '08', lzip: expect.stringMatching(/^80\d{3}$/) }]);
  });

  it('HIFLD public schools layer: 10 schools, LEVEL_ over TYPE, -999 in an extra column is no error', async () => {
    const outcome = await load(engine, { schools: fixture('public/hifld-public-schools.csv') });
    expect(outcome.errors).toEqual([]);
    expect(outcome.loaded).toEqual({ schools: 10 });
    expect(where(otherWarnings(outcome.warnings))).toEqual(['public/hifld-public-schools.csv:1: TYPE', 'public/hifld-public-schools.csv:10: level']);
    const extras =
      'OBJECTID, ADDRESS, CITY, STATE, ZIP, ZIP4, TELEPHONE, STATUS, POPULATION, COUNTY, COUNTYFIPS, COUNTRY, NAICS_CODE, NAICS_DESC, SOURCE, SOURCEDATE, VAL_METHOD, VAL_DATE, WEBSITE, ST_GRADE, END_GRADE, FT_TEACHER, SHELTER_ID';
    expect(unusedColumns(outcome.warnings).filter((c) => c !== 'TYPE').sort()).toEqual(extras.split(', ').sort());
    const schools = await rows<{ school_id: string; school_name: string; level: string | null; enrollment: number }>(
      'SELECT school_id, school_name, level, enrollment FROM schools ORDER BY _row'
    );
    expect(schools.map((s) => s.level)).toEqual(['elementary', 'elementary', 'elementary', 'elementary', 'middle', 'middle', 'high', 'other', null, 'elementary']);
    expect(schools.map((s) => s.enrollment)).toEqual([386, 447, 295, 508, 733, 612, 1402, 58, 96, 361]);
    expect(schools[0]).toMatchObject({ school_id: '090000200021', school_name: 'ASPEN HOLLOW ELEMENTARY SCHOOL' });
    expect(schools[9].school_id).toBe('090000200033');
    expect(await rows(`SELECT extra['FT_TEACHER'] AS ft FROM schools WHERE _row = 5`)).toEqual([{ ft: '-999' }]);
  });

  it('HIFLD with -999 enrollments: exactly the two enrollment errors', async () => {
    const outcome = await load(engine, { schools: fixture('public/hifld-with-missing-codes.csv') });
    expect(where(outcome.errors)).toEqual(['public/hifld-with-missing-codes.csv:4: enrollment', 'public/hifld-with-missing-codes.csv:7: enrollment']);
    expect(outcome.errors.every((e) => e.message.includes('-999'))).toBe(true);
    expect(where(otherWarnings(outcome.warnings))).toEqual(['public/hifld-with-missing-codes.csv:1: TYPE']);
  });
});

describe('fixtures: a district as Excel saves it', () => {
  const excelSet = () => ({
    schools: fixture('excel/schools.csv'),
    staff: fixture('excel/staff.csv'),
    services: fixture('excel/services.csv'),
    needs: fixture('excel/needs.csv')
  });

  it('loads all four files with only the Yoga club warning besides the extra-column notes', async () => {
    const outcome = await load(engine, excelSet());
    expect(outcome.errors).toEqual([]);
    expect(outcome.loaded).toEqual({ schools: 6, staff: 20, services: 11, needs: 6 });
    expect(where(otherWarnings(outcome.warnings))).toEqual(['excel/services.csv:9: service']);
    expect(unusedColumns(outcome.warnings).sort()).toEqual(['Principal', 'Employee ID', 'Last Name', 'First Name', 'Hire Date'].sort());
  });

  const EXPECTED_SCHOOLS = [
    ['S01', 'Riverside Elementary School', 412, 'elementary', 41.7712, -72.6681, 62.5, 18, 'Ana Peña'],
    ['S02', 'Hillcrest K-8 School, North Campus', 734, 'k8', 41.7859, -72.6507, 48, 9.5, 'Marcus Hale'],
    ['S03', 'Eastside "Pathways" High School', 1480, 'high', 41.7633, -72.6214, 71.3, 22, 'Dr. Renee Whitaker'],
    ['S04', 'Oak Hollow Middle School', 1026, 'middle', 41.7498, -72.6902, 54, 12.5, 'Tom Becker'],
    ['S05', 'Meadowbrook Elementary School', 389, 'elementary', 41.7921, -72.701, 39, null, 'Joyce Lindqvist'],
    ['S06', 'Harbor Point High School', 1215, 'high', 41.7387, -72.6405, 66.7, 15, 'Samuel Ortiz']
  ];
  const schoolRows = () =>
    rows(`SELECT school_id, school_name, enrollment, level, latitude, longitude, frl_pct, ell_pct, extra['Principal'] AS principal FROM schools ORDER BY _row`).then((r) =>
      r.map((x) => Object.values(x))
    );

  it('reads schools.csv (BOM, CRLF, friendly headers, quoted separators, %) as the README lists', async () => {
    expect((await load(engine, { schools: fixture('excel/schools.csv') })).errors).toEqual([]);
    expect(await schoolRows()).toEqual(EXPECTED_SCHOOLS);
  });

  it('reads schools.tsv to exactly the same records', async () => {
    expect((await load(engine, { schools: fixture('excel/schools.tsv') })).errors).toEqual([]);
    expect(await schoolRows()).toEqual(EXPECTED_SCHOOLS);
  });

  it('sums the staff roster by school and role', async () => {
    await load(engine, excelSet());
    const sums = await rows<{ school_id: string; role: string; fte: number }>(
      'SELECT school_id, role, round(sum(fte), 6) AS fte FROM staff GROUP BY ALL ORDER BY ALL'
    );
    const table = Object.fromEntries(sums.map((s) => [`${s.school_id} ${s.role.replace('school_', '')}`, s.fte]));
    expect(table).toEqual({
      'S01 psychologist': 0.5, 'S01 counselor': 1, 'S01 nurse': 0.4,
      'S02 psychologist': 0.5, 'S02 counselor': 1, 'S02 social_worker': 0.6,
      'S03 psychologist': 1, 'S03 counselor': 2, 'S03 social_worker': 1, 'S03 nurse': 1,
      'S04 psychologist': 1, 'S04 counselor': 1.8,
      'S05 social_worker': 0.5, 'S05 nurse': 0.4,
      'S06 psychologist': 0.8, 'S06 counselor': 2, 'S06 social_worker': 1
    });
    expect(await rows(`SELECT _row, school_id, extra['Last Name'] AS last FROM staff WHERE extra['Employee ID'] = 'E1042' ORDER BY _row`)).toEqual([
      { _row: 2, school_id: 'S01', last: expect.any(String) },
      { _row: 3, school_id: 'S02', last: expect.any(String) }
    ]);
  });

  it('reads services.csv, a bare LF inside a quoted cell of a CRLF file included', async () => {
    await load(engine, excelSet());
    const services = await rows(
      'SELECT _row, school_id, provider, provider_type, service, tier, capacity, languages, requires_diagnosis, funding, agreement FROM services ORDER BY _row'
    );
    expect(services.map((s) => Object.values(s))).toEqual([
      [2, 'S01', 'Wexford Counseling Department', 'school', 'sel_curriculum', 1, 412, 'English; Spanish', false, 'General fund', null],
      [3, 'S01', 'Harbor Family Services, Inc.', 'community', 'individual_counseling', 3, 15, 'English; Spanish', true, 'Medicaid\nPrivate insurance', true],
      [4, 'S02', 'Wexford Counseling Department', 'school', 'check_in_check_out', 2, 40, 'English', false, 'Title IV-A', null],
      [5, 'S02', 'Harbor Family Services, Inc.', 'community', 'family_therapy', 3, 8, 'Spanish', true, 'Medicaid', true],
      [6, 'S03', 'Harbor Family Services, Inc.', 'community', 'individual_counseling', 3, 25, 'English; Spanish; Portuguese', true, 'Medicaid', true],
      [7, 'S03', 'Eastside Student Support Team', 'school', 'group_counseling', 2, 60, 'English', false, 'General fund', null],
      [8, 'S04', 'Bright Paths Mentoring', 'community', 'mentoring', 2, 30, 'English', false, 'City youth grant', true],
      [9, 'S05', 'Meadowbrook PE Department', 'school', 'Yoga club', 1, 120, 'English', false, 'PTA', null],
      [10, 'S06', 'Harbor Point Counseling Office', 'school', 'screening', 1, 1215, 'English', false, 'General fund', null],
      [11, 'S06', 'Valley Youth Psychiatry', 'community', 'psychiatric_care', 3, 12, 'English', true, 'Medicaid', false],
      [12, '*', 'County Mobile Crisis Team', 'community', 'crisis_intervention', 3, 80, 'English;Spanish;Vietnamese', false, 'County behavioral health', true]
    ]);
  });

  it('reads needs.csv', async () => {
    await load(engine, excelSet());
    expect((await rows('SELECT school_id, tier, students FROM needs ORDER BY _row')).map((n) => Object.values(n))).toEqual([
      ['S01', 2, 58],
      ['S01', 3, 21],
      ['S03', 2, 236],
      ['S03', 3, 74],
      ['S05', 2, 47],
      ['S05', 3, 12]
    ]);
  });
});

describe('fixtures: files with known problems, every error at once', () => {
  it('bad/schools.csv: the seven errors at spreadsheet rows', async () => {
    const outcome = await load(engine, { schools: fixture('bad/schools.csv') });
    expect(where(outcome.errors)).toEqual([
      'bad/schools.csv:4: school_name',
      'bad/schools.csv:5: enrollment',
      'bad/schools.csv:6: enrollment',
      'bad/schools.csv:8: school_id',
      'bad/schools.csv:9: longitude',
      'bad/schools.csv:10: latitude',
      'bad/schools.csv:11: frl_pct'
    ]);
    expect(outcome.errors[3].message).toContain('B02');
    expect(outcome.warnings).toEqual([]);
  });

  it('bad/staff.csv and bad/services.csv with excel/schools.csv: the ten errors', async () => {
    const outcome = await load(engine, {
      schools: fixture('excel/schools.csv'),
      staff: fixture('bad/staff.csv'),
      services: fixture('bad/services.csv')
    });
    expect(where(outcome.errors)).toEqual([
      'bad/staff.csv:3: school_id',
      'bad/staff.csv:4: role',
      'bad/staff.csv:5: fte',
      'bad/staff.csv:6: fte',
      'bad/staff.csv:7: fte',
      'bad/services.csv:3: tier',
      'bad/services.csv:4: capacity',
      'bad/services.csv:5: provider_type',
      'bad/services.csv:6: requires_diagnosis',
      'bad/services.csv:7: school_id'
    ]);
    expect(otherWarnings(outcome.warnings)).toEqual([]);
    expect(unusedColumns(outcome.warnings).sort()).toEqual(['Principal', 'staff_name']);
  });

  it('bad/missing-column-schools.csv: one error, the missing enrollment column', async () => {
    const outcome = await load(engine, { schools: fixture('bad/missing-column-schools.csv') });
    expect(where(outcome.errors)).toEqual(['bad/missing-column-schools.csv:1: enrollment']);
  });
});
