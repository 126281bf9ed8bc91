import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/core/contract/settings';
import { readStoredWorkspace, type StoredWorkspace } from '../../src/lib/core/contract/workspace';
import { openWorkspaceFile, saveWorkspaceFile, WORKSPACE_VERSION, WorkspaceFileRejected, type WorkspaceBundle } from '../../src/lib/core/export/workspace-file';
import { SAMPLE } from '../helpers/district';

const bundle: WorkspaceBundle = {
  settings: { ...DEFAULT_SETTINGS, suppressionThreshold: 12, salaries: { school_psychologist: 80_000 } },
  mappings: { Building: 'school_id' },
  scenarios: [{ id: 's1', name: 'Two more psychologists', changes: [{ type: 'fte', school_id: 'HC001', role: 'school_psychologist', fte: 1 }] }],
  priorities: [
    {
      id: 'p1', school_id: 'HC001', tier: 3, goal: 'Close the tier 3 gap', strategy: 'Partner with Bay Clinic', action_steps: 'Sign MOU',
      person_responsible: 'A. Rivera', timeline: 'by 2027-03-01', resources: 'Title I', measure_of_success: 'Gap under 5', scenario_id: 's1'
    }
  ],
  readiness: { leadership_team: { level: 'in place', note: 'Meets monthly' } },
  files: [
    { kind: 'schools', name: 'schools.csv', data: new Uint8Array(readFileSync(join(SAMPLE, 'schools.csv'))) },
    { kind: 'staff', name: 'Staff roster (2026).csv', data: new Uint8Array(readFileSync(join(SAMPLE, 'staff.csv'))), mapping: { Building: 'school_id' } },
    { kind: 'survey', name: 'survey.csv', data: strToU8('a,b\n'), template: 'family-midyear', wave: 'mid-year' }
  ]
};

describe('a workspace in one file', () => {
  it('opens as it was saved: data, mappings, settings, scenarios, priorities and readiness', () => {
    const opened = openWorkspaceFile('w.continuum', saveWorkspaceFile(bundle, new Date('2027-01-20T10:00:00Z')));
    expect(opened.saved_at).toBe('2027-01-20T10:00:00.000Z');
    const { saved_at: _, ...rest } = opened;
    expect(rest).toEqual(bundle);
  });

  it('refuses a damaged or foreign file with a message', () => {
    const saved = saveWorkspaceFile(bundle);
    const refused = (name: string, data: Uint8Array) => {
      try {
        openWorkspaceFile(name, data);
      } catch (error) {
        expect(error).toBeInstanceOf(WorkspaceFileRejected);
        return (error as Error).message;
      }
      throw new Error('was opened');
    };
    expect(refused('photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toMatch(/photo.png is not a Continuum workspace file/);
    expect(refused('cut.continuum', saved.slice(0, saved.length - 40))).toMatch(/not a ZIP archive, or it is damaged/);
    expect(refused('other.zip', zipSync({ 'readme.txt': strToU8('hi') }))).toMatch(/ZIP archive, but not a Continuum workspace/);
    // A saved manifest, changed one way, zipped with a single file.
    const manifest = (change: (m: Record<string, unknown>) => void) => {
      const m = JSON.parse(strFromU8(unzipSync(saved)['continuum-workspace.json']));
      change(m);
      return zipSync({ 'continuum-workspace.json': strToU8(JSON.stringify(m)), 'files/1-schools.csv': strToU8('x') });
    };
    expect(refused('v3.continuum', manifest((m) => (m.version = 3)))).toMatch(/version/);
    expect(refused('means.continuum', manifest((m) => (m.valueMappings = [{ file: 'teachers', column: 'role', value: 'x', means: 'y' }])))).toMatch(/valueMappings\.0\.file/);
    expect(refused('blank.continuum', manifest((m) => (m.valueMappings = [{ file: 'staff', column: 'role', value: '', means: 'leave out' }])))).toMatch(/valueMappings\.0\.value/);
    expect(refused('low.continuum', manifest((m) => ((m.settings as { suppressionThreshold: number }).suppressionThreshold = 3)))).toMatch(/suppressionThreshold/);
    expect(refused('gone.continuum', manifest((m) => ((m.files as { path: string }[])[1].path = 'files/9-missing.csv')))).toMatch(/Staff roster \(2026\).csv is missing/);
    expect(refused('junk.continuum', zipSync({ 'continuum-workspace.json': strToU8('{not json') }))).toMatch(/manifest is damaged/);
    // A scenario's change of a type no version made: the whole file is refused, not the change dropped.
    const unknownChange = manifest((m) => ((m.scenarios as { changes: unknown[] }[])[0].changes.push({ type: 'hire_everyone', school_id: 'HC001' })));
    expect(refused('odd.continuum', unknownChange)).toMatch(/^odd\.continuum cannot be opened: scenarios\.0\.changes\.1\.type: /);
    expect(refused('late.continuum', manifest((m) => ((m.priorities as { goal: unknown }[])[0].goal = 7)))).toMatch(/priorities\.0\.goal/);
    expect(refused('ready.continuum', manifest((m) => (m.readiness = { leadership_team: { level: 'done', note: '' } })))).toMatch(/readiness\.leadership_team\.level/);
  });
});

describe('value mappings and the chosen district, in the workspace file', () => {
  const valueMappings = [
    { file: 'staff' as const, column: 'role', value: 'School Psychologist II', means: 'school_psychologist' },
    { file: 'staff' as const, column: 'role', value: 'Teacher', means: 'leave out' },
    { file: 'survey' as const, column: 'school', value: 'Adams Elem.', means: 'HC001' }
  ];
  const stateFiles: WorkspaceBundle['files'] = [
    { kind: 'schools', name: 'ccd_sch_029_2223.csv', data: strToU8('NCESSCH,SCH_NAME,LEAID\n') },
    { kind: 'enrollment', name: 'ccd_sch_052_2223.csv', data: strToU8('NCESSCH,STUDENT_COUNT,TOTAL_INDICATOR\n') },
    { kind: 'locations', name: 'EDGE_GEOCODE_PUBLICSCH_2223.TXT', data: strToU8('NCESSCH|LAT|LON\n') }
  ];

  it('keeps them, and the enrollment and locations files of a schools file in parts', () => {
    const saved = saveWorkspaceFile({ ...bundle, valueMappings, district: '0900010', files: stateFiles });
    const manifest = JSON.parse(strFromU8(unzipSync(saved)['continuum-workspace.json']));
    expect(manifest.version).toBe(WORKSPACE_VERSION);
    expect(manifest.version).toBe(2);
    const opened = openWorkspaceFile('state.continuum', saved);
    expect(opened.valueMappings).toEqual(valueMappings);
    expect(opened.district).toBe('0900010');
    expect(opened.files.map((f) => f.kind)).toEqual(['schools', 'enrollment', 'locations']);
    expect(strFromU8(opened.files[2].data)).toBe('NCESSCH|LAT|LON\n');
  });

  it('opens a file saved before there were any (version 1), with none', () => {
    const saved = unzipSync(saveWorkspaceFile(bundle));
    const manifest = JSON.parse(strFromU8(saved['continuum-workspace.json']));
    manifest.version = 1;
    const old = zipSync({ ...saved, 'continuum-workspace.json': strToU8(JSON.stringify(manifest)) });
    const opened = openWorkspaceFile('old.continuum', old);
    expect(opened.valueMappings).toBeUndefined();
    expect(opened.district).toBeUndefined();
    expect(opened.files).toHaveLength(3);
  });
});

describe('the workspace kept in this browser, read back', () => {
  const kept: StoredWorkspace = {
    files: [
      { kind: 'schools', name: 'schools.csv', data: strToU8('school_id\nA\n') },
      { kind: 'survey', name: 'big.csv', data: new Blob(['a,b\n']), template: 'family-midyear', waves: ['fall', null] }
    ],
    scenarios: bundle.scenarios,
    settings: bundle.settings,
    mappings: {}
  };

  it('keeps the value mappings and the district where they are, and reads a record kept before them', () => {
    const withMeanings: StoredWorkspace = {
      ...kept,
      files: [...kept.files, { kind: 'enrollment', name: 'ccd_sch_052.csv', data: strToU8('x') }],
      valueMappings: [{ file: 'staff', column: 'role', value: 'LCSW', means: 'school_social_worker' }],
      district: '0900010'
    };
    expect(readStoredWorkspace(structuredClone(withMeanings))).toEqual(withMeanings);
    const before = readStoredWorkspace(structuredClone(kept))!;
    expect(before.valueMappings).toBeUndefined();
    expect(before.district).toBeUndefined();
    expect(() => readStoredWorkspace({ ...structuredClone(kept), valueMappings: [{ file: 'staff', column: 'role', value: 'LCSW' }] })).toThrow(
      /valueMappings\.0\.means/
    );
  });

  it('is the record as it was written, the bytes and the File themselves', () => {
    const read = readStoredWorkspace(structuredClone(kept))!;
    expect(read).toEqual(kept);
    expect(read.files[1].data).toBeInstanceOf(Blob);
    expect(readStoredWorkspace(undefined)).toBeUndefined();
  });

  it('is refused with the first thing wrong, by the schemas each part is made with', () => {
    const spoilt = (change: (w: Record<string, any>) => void) => {
      const w = structuredClone(kept) as Record<string, any>;
      change(w);
      return () => readStoredWorkspace(w);
    };
    expect(spoilt((w) => w.scenarios[0].changes.push({ type: 'fte', school_id: 'A', role: 'school_nurse', fte: 0 }))).toThrow(
      /^The workspace kept in this browser cannot be read \(scenarios\.0\.changes\.1\.fte: must not be 0\)\.$/
    );
    expect(spoilt((w) => (w.files[0].data = 'school_id\nA\n'))).toThrow(/files\.0\.data/);
    expect(spoilt((w) => (w.files[0].kind = 'teachers'))).toThrow(/files\.0\.kind/);
    expect(spoilt((w) => (w.settings.suppressionThreshold = 2))).toThrow(/settings\.suppressionThreshold/);
    expect(spoilt((w) => delete w.files)).toThrow(/files/);
    expect(() => readStoredWorkspace('a string')).toThrow(/workspace: /);
  });
});
