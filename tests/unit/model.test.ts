/**
 * The gap model (data contract, "The gap model") in DuckDB: the hand-computed district of
 * tests/fixtures/hand/, then one rule at a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/lib/core/contract/settings';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { STAFFING_COLUMNS, TIER_GAP_COLUMNS, staffing, tierGaps } from '../../src/lib/core/model/model';
import { applySettings } from '../../src/lib/core/model/settings';
import { FIXTURES, clearDistrict, fixture, load, openEngine, text } from '../helpers/district';

let engine: Engine;
beforeAll(async () => (engine = await openEngine()));
afterAll(() => engine.close());
beforeEach(async () => {
  await clearDistrict(engine);
  await applySettings(engine, DEFAULT_SETTINGS);
});

const SERVICES_HEADER = 'school_id,provider,provider_type,service,tier,capacity\n';

/** Loads a small district from inline text; staff and services default to empty files. */
async function district(files: { schools: string; staff?: string; services?: string; needs?: string }) {
  const outcome = await load(engine, {
    schools: text('schools.csv', files.schools),
    staff: text('staff.csv', files.staff ?? 'school_id,role,fte\n'),
    services: text('services.csv', files.services ?? SERVICES_HEADER),
    ...(files.needs ? { needs: text('needs.csv', files.needs) } : {})
  });
  expect(outcome.errors).toEqual([]);
}

/** need, capacity, gap and coverage of one school and tier. */
async function gapOf(schoolId: string, tier: number) {
  const row = (await tierGaps(engine)).find((g) => g.school_id === schoolId && g.tier === tier);
  const { need, capacity, gap, coverage } = row!;
  return { need, capacity, gap, coverage };
}

async function staffOf(schoolId: string, role: string) {
  return (await staffing(engine)).find((s) => s.school_id === schoolId && s.role === role)!;
}

describe('the hand district (tests/fixtures/hand)', () => {
  beforeEach(async () => {
    const outcome = await load(engine, {
      schools: fixture('hand/schools.csv'),
      staff: fixture('hand/staff.csv'),
      services: fixture('hand/services.csv'),
      needs: fixture('hand/needs.csv')
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
  });

  it('gives tier_gaps.csv byte for byte', async () => {
    const expected = readFileSync(join(FIXTURES, 'hand/expected_tier_gaps.csv'), 'utf8');
    expect(toCsv(await tierGaps(engine), TIER_GAP_COLUMNS)).toBe(expected);
  });

  it('gives staffing.csv byte for byte', async () => {
    const expected = readFileSync(join(FIXTURES, 'hand/expected_staffing.csv'), 'utf8');
    expect(toCsv(await staffing(engine), STAFFING_COLUMNS)).toBe(expected);
  });
});

describe('need', () => {
  it('is enrollment × the tier rate where no screening count exists', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nA,Alder,400\n' });
    expect((await tierGaps(engine)).map((g) => g.need)).toEqual([400, 60, 20]);
  });

  it('is the needs.csv count where a row exists, a count of 0 included', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,400\nB,Birch,800\n',
      needs: 'school_id,tier,students\nB,3,70\nA,2,0\n'
    });
    expect((await gapOf('B', 3)).need).toBe(70); // not 800 × 0.05 = 40
    expect((await gapOf('B', 2)).need).toBe(120); // no row: the rate
    expect((await gapOf('A', 2)).need).toBe(0); // not 400 × 0.15 = 60
  });
});

describe('capacity, gap and coverage', () => {
  it('add up the services of the school and tier', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,400\nB,Birch,800\n',
      services: SERVICES_HEADER + 'A,Team,school,group_counseling,2,30\nA,Clinic,community,mentoring,2,12\nB,Team,school,group_counseling,2,50\nA,Clinic,community,individual_counseling,3,5\n'
    });
    expect(await gapOf('A', 2)).toEqual({ need: 60, capacity: 42, gap: 18, coverage: 0.7 });
    expect(await gapOf('A', 3)).toEqual({ need: 20, capacity: 5, gap: 15, coverage: 0.25 });
    expect(await gapOf('A', 1)).toEqual({ need: 400, capacity: 0, gap: 400, coverage: 0 });
  });

  it('share a district-wide (*) service out in proportion to need', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,100\nB,Birch,300\n',
      services: SERVICES_HEADER + '*,Telehealth,community,telehealth,2,40\nA,Team,school,mentoring,2,5\n*,Crisis,community,crisis_intervention,3,8\n'
    });
    // Tier 2 need: A 15, B 45 of 60; the 40 seats split 10 / 30, and A adds its own 5.
    expect(await gapOf('A', 2)).toEqual({ need: 15, capacity: 15, gap: 0, coverage: 1 });
    expect(await gapOf('B', 2)).toEqual({ need: 45, capacity: 30, gap: 15, coverage: 30 / 45 });
    // Tier 3 need: A 5, B 15; the 8 seats split 2 / 6.
    expect((await gapOf('A', 3)).capacity).toBeCloseTo(2, 12);
    expect((await gapOf('B', 3)).capacity).toBeCloseTo(6, 12);
    // A tier with no * service gets none.
    expect((await gapOf('A', 1)).capacity).toBe(0);
  });

  it('follow screening counts when sharing, so a school with more need gets more', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,100\nB,Birch,100\n',
      services: SERVICES_HEADER + '*,Crisis,community,crisis_intervention,3,30\n',
      needs: 'school_id,tier,students\nA,3,25\n'
    });
    // Need: A 25 (screened), B 5 (rate): the 30 seats split 25 / 5.
    expect(await gapOf('A', 3)).toEqual({ need: 25, capacity: 25, gap: 0, coverage: 1 });
    expect(await gapOf('B', 3)).toEqual({ need: 5, capacity: 5, gap: 0, coverage: 1 });
  });

  it('give a school with need 0 no share and an empty coverage', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,400\nC,Cedar,0\n',
      services: SERVICES_HEADER + '*,Crisis,community,crisis_intervention,3,60\n'
    });
    expect(await gapOf('C', 3)).toEqual({ need: 0, capacity: 0, gap: 0, coverage: null });
    expect(await gapOf('A', 3)).toEqual({ need: 20, capacity: 60, gap: 0, coverage: 3 });
  });

  it('keep a school own service where need is 0: capacity counts, coverage stays empty', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nC,Cedar,0\n',
      services: SERVICES_HEADER + 'C,Team,school,screening,1,10\n*,Crisis,community,crisis_intervention,3,60\n'
    });
    expect(await gapOf('C', 1)).toEqual({ need: 0, capacity: 10, gap: 0, coverage: null });
    // No school has tier 3 need: the * seats have nowhere to go, and nothing divides by zero.
    expect(await gapOf('C', 3)).toEqual({ need: 0, capacity: 0, gap: 0, coverage: null });
  });

  it('never give a negative gap', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,100\n',
      services: SERVICES_HEADER + 'A,Team,school,screening,1,250\n'
    });
    expect(await gapOf('A', 1)).toEqual({ need: 100, capacity: 250, gap: 0, coverage: 2.5 });
  });

  it('give every school three rows, in schools.csv order', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nZ,Zinnia,10\nA,Alder,20\nM,Maple,30\n' });
    expect((await tierGaps(engine)).map((g) => `${g.school_id}${g.tier}`)).toEqual(['Z1', 'Z2', 'Z3', 'A1', 'A2', 'A3', 'M1', 'M2', 'M3']);
  });
});

describe('staffing', () => {
  it('sums the rows for the same school and role', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,600\n',
      staff: 'school_id,role,fte\nA,counselor,0.5\nA,school_counselor,1\nA,Guidance Counselor,0.5\nA,psych,0.4\n'
    });
    expect(await staffOf('A', 'school_counselor')).toMatchObject({ fte: 2, students_per_fte: 300, fte_needed: 2.4 });
    expect((await staffOf('A', 'school_counselor')).fte_gap).toBeCloseTo(0.4, 12);
    expect(await staffOf('A', 'school_psychologist')).toMatchObject({ fte: 0.4, students_per_fte: 1500, fte_needed: 1.2 });
  });

  it('gives fte 0 and an empty students_per_fte for a role with no one', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nA,Alder,500\n', staff: 'school_id,role,fte\nA,psych,1\n' });
    expect(await staffOf('A', 'school_social_worker')).toEqual({
      school_id: 'A',
      school_name: 'Alder',
      role: 'school_social_worker',
      fte: 0,
      students_per_fte: null,
      recommended_ratio: 250,
      fte_needed: 2,
      fte_gap: 2,
      below_standard: true,
      // No one in a role is reported as none: zero staff, not a missing figure.
      reported: true
    });
  });

  it('gives one row for every school and every role, roles in the contract order', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nA,Alder,500\nB,Birch,250\n' });
    const rows = await staffing(engine);
    expect(rows.map((r) => `${r.school_id} ${r.role}`)).toEqual([
      'A school_psychologist',
      'A school_counselor',
      'A school_social_worker',
      'A school_nurse',
      'B school_psychologist',
      'B school_counselor',
      'B school_social_worker',
      'B school_nurse'
    ]);
    expect(rows.map((r) => r.recommended_ratio)).toEqual([500, 250, 250, 750, 500, 250, 250, 750]);
  });
});

describe('settings', () => {
  const changed: Settings = {
    ...DEFAULT_SETTINGS,
    tierRates: { 1: 1, 2: 0.2, 3: 0.1 },
    ratios: { ...DEFAULT_SETTINGS.ratios, school_counselor: 400 }
  };

  it('change the numbers without loading the files again', async () => {
    await district({
      schools: 'school_id,school_name,enrollment\nA,Alder,400\n',
      staff: 'school_id,role,fte\nA,counselor,1\n',
      services: SERVICES_HEADER + 'A,Team,school,group_counseling,2,40\n'
    });
    expect(await gapOf('A', 2)).toEqual({ need: 60, capacity: 40, gap: 20, coverage: 40 / 60 });
    expect(await staffOf('A', 'school_counselor')).toMatchObject({ recommended_ratio: 250, fte_needed: 1.6 });

    await applySettings(engine, changed);
    expect(await gapOf('A', 2)).toEqual({ need: 80, capacity: 40, gap: 40, coverage: 0.5 });
    expect((await gapOf('A', 3)).need).toBe(40);
    expect(await staffOf('A', 'school_counselor')).toMatchObject({ recommended_ratio: 400, fte_needed: 1, fte_gap: 0 });
    expect((await staffOf('A', 'school_psychologist')).recommended_ratio).toBe(500);
  });

  it('do not override a screening count with the rate', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nA,Alder,400\n', needs: 'school_id,tier,students\nA,2,33\n' });
    await applySettings(engine, changed);
    expect((await gapOf('A', 2)).need).toBe(33);
  });

  it('accept a suppression threshold of 5 or more, and reject one below 5', () => {
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, suppressionThreshold: 5 }).success).toBe(true);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, suppressionThreshold: 4 }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, suppressionThreshold: 7.5 }).success).toBe(false);
  });

  it('reject a tier rate outside 0–1 and a ratio that is not positive', () => {
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, tierRates: { 1: 1, 2: 1.5, 3: 0.05 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, tierRates: { 1: 1, 2: -0.1, 3: 0.05 } }).success).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ratios: { ...DEFAULT_SETTINGS.ratios, school_nurse: 0 } }).success).toBe(false);
  });

  it('leave the settings in force when invalid ones are applied', async () => {
    await district({ schools: 'school_id,school_name,enrollment\nA,Alder,400\n' });
    await expect(applySettings(engine, { ...DEFAULT_SETTINGS, suppressionThreshold: 3 })).rejects.toThrow();
    await expect(applySettings(engine, { ...DEFAULT_SETTINGS, tierRates: { 1: 1, 2: 2, 3: 0.05 } })).rejects.toThrow();
    expect((await gapOf('A', 2)).need).toBe(60);
    expect(await engine.query('SELECT min_n FROM settings_survey')).toEqual([{ min_n: 10 }]);
  });
});
