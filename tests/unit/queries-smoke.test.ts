import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import * as q from '../../src/lib/core/model/queries';
import { resourceEntries, tierProviderSummary } from '../../src/lib/core/model/matrix';
import { load, openEngine, text } from '../helpers/district';

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine();
  const outcome = await load(engine, {
    schools: text('schools.csv', 'school_id,school_name,enrollment\nA,Alpha,400\nB,Beta,800\n'),
    staff: text('staff.csv', 'school_id,role,fte\nA,psych,1\n'),
    services: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity,languages,requires_diagnosis,agreement\nA,Bay,community,individual counseling,3,10,en;es,yes,no\n*,District,school,crisis intervention,3,60,en,no,yes\n')
  });
  expect(outcome.errors).toEqual([]);
});
afterAll(() => engine.close());

it('answers every view question', async () => {
  expect((await q.districtTiers(engine)).map((t) => t.tier)).toEqual([1, 2, 3]);
  expect(await q.schoolNames(engine)).toEqual([{ school_id: 'A', school_name: 'Alpha' }, { school_id: 'B', school_name: 'Beta' }]);
  expect((await q.districtStaffing(engine))[0]).toMatchObject({ role: 'school_psychologist', fte: 1, students_per_fte: 1200 });
  expect((await q.schoolsByGap(engine, 3))[0].school_id).toBe('B');
  expect(await resourceEntries(engine, { language: 'es' })).toMatchObject([{ school_id: 'A', capacity: 10, diagnosis_capacity: 10, without_agreement_capacity: 10 }]);
  expect(await resourceEntries(engine, { agreement: false })).toMatchObject([{ school_id: 'A', provider: 'Bay' }]);
  expect(await q.schoolProviders(engine, 'B')).toMatchObject([{ provider: 'District', district_wide: true }]);
  expect(await q.serviceLanguages(engine)).toEqual(['en', 'es']);
  // Tier 3: a community and a school provider, and the tier's total.
  expect((await tierProviderSummary(engine)).map((c) => c.provider_type)).toEqual(['community', 'school', null]);
});
