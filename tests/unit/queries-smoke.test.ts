import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import * as q from '../../src/lib/core/model/queries';
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
  expect((await q.districtStaffing(engine))[0]).toMatchObject({ role: 'school_psychologist', fte: 1, students_per_fte: 1200 });
  expect((await q.schoolsByGap(engine, 3))[0].school_id).toBe('B');
  expect(await q.schoolServiceMatrix(engine, { language: 'es' })).toMatchObject([{ school_id: 'A', capacity: 10, needs_diagnosis: 1, without_agreement: 1 }]);
  expect(await q.schoolProviders(engine, 'B')).toMatchObject([{ provider: 'District', district_wide: true }]);
  expect(await q.serviceLanguages(engine)).toEqual(['en', 'es']);
  expect((await q.tierProviderMatrix(engine)).length).toBe(2);
});
