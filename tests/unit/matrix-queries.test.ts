import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import {
  matrixSchools,
  resourceCaveats,
  resourceEntries,
  resourceMatrix,
  schoolGapTable,
  tierProviderSummary
} from '../../src/lib/core/model/matrix';
import { file, load, openEngine, SAMPLE, text } from '../helpers/district';

// A small district: Alpha has its own team and two partners (one billed to insurance, one with no
// MOU), Beta has nothing of its own, and two services are open to every school.
const SERVICES = `school_id,provider,provider_type,service,tier,capacity,languages,requires_diagnosis,agreement
A,Alpha counseling team,school,group_counseling,2,40,en;es,no,
A,Alpha counseling team,school,individual_counseling,3,10,en,,
A,Bay Clinic,community,individual_counseling,3,25,en;es;pt,yes,yes
A,Bay Clinic,community,family_therapy,3,5,en;es,yes,yes
A,Harbor Youth,community,mentoring,2,20,en,no,no
A,Quiet Program,community,wraparound,3,0,en,no,yes
*,District Crisis Team,school,crisis_intervention,3,60,en;es,no,
*,Harbor Youth,community,telehealth,2,100,EN; Spanish,no,
`;

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine();
  const outcome = await load(engine, {
    schools: text('schools.csv', 'school_id,school_name,enrollment\nA,Alpha,400\nB,Beta,800\n'),
    staff: text('staff.csv', 'school_id,role,fte\nA,psych,1\n'),
    services: text('services.csv', SERVICES)
  });
  expect(outcome.errors).toEqual([]);
});
afterAll(() => engine.close());

describe('resource matrix', () => {
  it('keeps district-wide services once, under *', async () => {
    const entries = await resourceEntries(engine);
    expect(entries.filter((e) => e.provider === 'District Crisis Team')).toEqual([
      expect.objectContaining({ school_id: '*', service: 'crisis_intervention', capacity: 60 })
    ]);
    expect(entries.some((e) => e.school_id === 'B')).toBe(false);
  });

  it('groups providers into cells, with the seats that need a diagnosis or lack an agreement', async () => {
    const m = resourceMatrix(await resourceEntries(engine));
    const cell = m.cells.get('A')!.get('individual_counseling')!;
    expect(cell).toMatchObject({ capacity: 35, diagnosis_capacity: 25, without_agreement_capacity: 0 });
    expect(cell.providers.map((p) => p.provider)).toEqual(['Alpha counseling team', 'Bay Clinic']);
    expect(m.cells.get('A')!.get('mentoring')).toMatchObject({ capacity: 20, without_agreement_capacity: 20 });
    // Blank agreement on a district-wide community row counts as none.
    expect(m.cells.get('*')!.get('telehealth')).toMatchObject({ capacity: 100, without_agreement_capacity: 100 });
  });

  it('shows only service types with capacity, in the contract order', async () => {
    const m = resourceMatrix(await resourceEntries(engine));
    expect(m.services).toEqual(['group_counseling', 'individual_counseling', 'mentoring', 'crisis_intervention', 'family_therapy', 'telehealth']);
    expect(m.totals.get('A')).toMatchObject({ capacity: 100, diagnosis_capacity: 30, without_agreement_capacity: 20 });
    expect(m.totals.get('*')).toMatchObject({ capacity: 160 });
  });

  it('filters by diagnosis, language, provider type and tier', async () => {
    const noDiagnosis = resourceMatrix(await resourceEntries(engine, { requiresDiagnosis: false }));
    expect(noDiagnosis.services).not.toContain('family_therapy');
    expect(noDiagnosis.cells.get('A')!.get('individual_counseling')).toMatchObject({ capacity: 10, diagnosis_capacity: 0 });

    const portuguese = await resourceEntries(engine, { language: 'PT' });
    expect(portuguese.map((e) => e.provider)).toEqual(['Bay Clinic']);
    // Names and codes are matched as written, trimmed and case-insensitively.
    expect((await resourceEntries(engine, { language: 'spanish' })).map((e) => e.service)).toEqual(['telehealth']);

    const community = await resourceEntries(engine, { providerType: 'community', tier: 3 });
    expect(community.map((e) => `${e.provider}/${e.service}`)).toEqual(['Bay Clinic/family_therapy', 'Bay Clinic/individual_counseling', 'Quiet Program/wraparound']);
  });

  it('reads "no agreement" as community partners without one, never the district’s own staff', async () => {
    const without = await resourceEntries(engine, { agreement: false });
    expect(new Set(without.map((e) => e.provider))).toEqual(new Set(['Harbor Youth']));
    const withOne = await resourceEntries(engine, { agreement: true });
    expect(new Set(withOne.map((e) => e.provider))).toEqual(new Set(['Bay Clinic', 'Quiet Program']));
  });

  it('lists every school as a row, A–Z', async () => {
    expect((await matrixSchools(engine)).map((s) => s.school_id)).toEqual(['A', 'B']);
  });
});

describe('tiers × providers', () => {
  it('sums each tier by provider type, and the tier as a whole', async () => {
    const rows = await tierProviderSummary(engine);
    expect(rows).toEqual([
      { tier: 2, provider_type: 'community', capacity: 120, providers: 1, diagnosis_capacity: 0, without_agreement_capacity: 120, providers_without_agreement: 1 },
      { tier: 2, provider_type: 'school', capacity: 40, providers: 1, diagnosis_capacity: 0, without_agreement_capacity: 0, providers_without_agreement: 0 },
      { tier: 2, provider_type: null, capacity: 160, providers: 2, diagnosis_capacity: 0, without_agreement_capacity: 120, providers_without_agreement: 1 },
      { tier: 3, provider_type: 'community', capacity: 30, providers: 2, diagnosis_capacity: 30, without_agreement_capacity: 0, providers_without_agreement: 0 },
      { tier: 3, provider_type: 'school', capacity: 70, providers: 2, diagnosis_capacity: 0, without_agreement_capacity: 0, providers_without_agreement: 0 },
      { tier: 3, provider_type: null, capacity: 100, providers: 4, diagnosis_capacity: 30, without_agreement_capacity: 0, providers_without_agreement: 0 }
    ]);
  });

  it('follows the filters', async () => {
    expect(await tierProviderSummary(engine, { tier: 3, providerType: 'community', requiresDiagnosis: true })).toEqual([
      expect.objectContaining({ tier: 3, provider_type: 'community', capacity: 30 }),
      expect.objectContaining({ tier: 3, provider_type: null, capacity: 30 })
    ]);
  });
});

describe('caveats', () => {
  it('names the partners without an agreement and where they work', async () => {
    expect(await resourceCaveats(engine)).toEqual({
      partners: 3,
      without_agreement: [{ provider: 'Harbor Youth', schools: 1, district_wide: true, capacity: 120 }],
      schools_without_agreement: 1,
      capacity_without_agreement: 120
    });
    expect(await resourceCaveats(engine, { agreement: true })).toEqual({
      partners: 2,
      without_agreement: [],
      schools_without_agreement: 0,
      capacity_without_agreement: 0
    });
  });
});

describe('schools list', () => {
  it('gives every school its gap and coverage at each tier', async () => {
    const rows = await schoolGapTable(engine);
    expect(rows.map((r) => r.school_id)).toEqual(['A', 'B']);
    // Beta: tier 3 need 800 × 0.05 = 40; its share of the 60 crisis seats is 60 × 40 / 60 = 40.
    expect(rows[1]).toMatchObject({ enrollment: 800, gap_3: 0, coverage_3: 1 });
    // Alpha: need 20, own 10 + 25 + 5 + 0 = 40 seats and a share of 20 crisis seats.
    expect(rows[0]).toMatchObject({ gap_3: 0, coverage_3: 3 });
    expect(rows[0].gap_1).toBe(400);
  });
});

describe('the sample district', () => {
  let sample: Engine;
  beforeAll(async () => {
    sample = await openEngine();
    const outcome = await load(sample, {
      schools: file(join(SAMPLE, 'schools.csv')),
      staff: file(join(SAMPLE, 'staff.csv')),
      services: file(join(SAMPLE, 'services.csv')),
      needs: file(join(SAMPLE, 'needs.csv'))
    });
    expect(outcome.errors).toEqual([]);
  });
  afterAll(() => sample.close());

  it('keeps 127 schools and the three services open to every school', async () => {
    expect(await matrixSchools(sample)).toHaveLength(127);
    const m = resourceMatrix(await resourceEntries(sample));
    expect([...m.cells.get('*')!.keys()].sort()).toEqual(['crisis_intervention', 'parent_education', 'telehealth']);
    expect(m.services.length).toBeLessThanOrEqual(17);
    // Every seat is in exactly one cell.
    const [{ seats }] = await sample.query<{ seats: number }>('SELECT sum(capacity) AS seats FROM services');
    expect([...m.totals.values()].reduce((s, c) => s + c.capacity, 0)).toBe(seats);
  });

  it('counts the tier 3 seats that need a diagnosis, all of them community ones', async () => {
    const tier3 = (await tierProviderSummary(sample, { tier: 3 })).find((r) => r.provider_type === null)!;
    const [expected] = await sample.query<{ capacity: number; diagnosis: number }>(
      'SELECT sum(capacity) AS capacity, sum(capacity) FILTER (WHERE requires_diagnosis) AS diagnosis FROM services WHERE tier = 3'
    );
    expect(tier3).toMatchObject({ capacity: expected.capacity, diagnosis_capacity: expected.diagnosis });
    expect(tier3.diagnosis_capacity).toBeGreaterThan(0);
    const caveats = await resourceCaveats(sample);
    expect(caveats.partners).toBe(13);
    expect(caveats.without_agreement.length).toBeGreaterThan(0);
  });
});
