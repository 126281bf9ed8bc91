import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { changeLine, problemText } from '../../src/lib/core/present/problems';
import { schoolNamer } from '../../src/lib/core/present/labels';
import { checkScenario } from '../../src/lib/core/scenario/check';
import { schoolNames } from '../../src/lib/core/model/queries';
import { ScenarioRunner } from '../../src/lib/core/scenario/runner';
import type { Change } from '../../src/lib/core/scenario/types';
import { load, openEngine, text } from '../helpers/district';

// A hand-sized district: A 400 students, B 800. Tier 3 need 20 and 40 (5%); tier 2 60 and 120.
const district = {
  schools: text('schools.csv', 'school_id,school_name,enrollment\nA,Alpha,400\nB,Beta,800\n'),
  staff: text('staff.csv', 'school_id,role,fte\nA,school_psychologist,1\nB,school_psychologist,1\nB,school_counselor,2\n'),
  services: text(
    'services.csv',
    'school_id,provider,provider_type,service,tier,capacity\nA,Bay Clinic,community,individual_counseling,3,10\nB,Bay Clinic,community,individual_counseling,3,10\n*,District crisis team,school,crisis_intervention,3,30\n'
  )
};

let engine: Engine;
let runner: ScenarioRunner;
beforeAll(async () => {
  engine = await openEngine();
  runner = new ScenarioRunner(engine);
  expect((await load(engine, district)).errors).toEqual([]);
});
afterAll(() => engine.close());

function run(changes: Change[]) {
  return runner.districtComparison(changes, { school_psychologist: 80_000 });
}

describe('what-if scenarios', () => {
  it('with no change, the scenario equals the baseline', async () => {
    const { tiers } = await run([]);
    for (const t of tiers) {
      expect(t.scenario_need).toBe(t.need);
      expect(t.scenario_capacity).toBe(t.capacity);
      expect(t.scenario_gap).toBe(t.gap);
    }
  });

  it('adding a service closes the gap it covers, shared capacity included', async () => {
    // Baseline tier 3: A 10 + 30×20/60 = 20 (gap 0); B 10 + 30×40/60 = 30 (gap 10).
    const before = await run([]);
    expect(before.tiers[2].gap).toBeCloseTo(10, 9);
    const { tiers } = await run([{ type: 'add_service', school_id: 'B', provider: 'Harbor Wraparound', provider_type: 'community', service: 'wraparound', tier: 3, capacity: 6 }]);
    expect(tiers[2].scenario_capacity).toBeCloseTo(56, 9);
    expect(tiers[2].scenario_gap).toBeCloseTo(4, 9);
    expect(tiers[2].gap).toBeCloseTo(10, 9);
  });

  it('removing a service by its row takes its capacity away', async () => {
    const { tiers } = await run([{ type: 'remove_service', row: 2, label: 'Bay Clinic at A' }]);
    // A: 0 + 20 = 20 → gap 0; B unchanged 30 → gap 10; district capacity 50 − 10.
    expect(tiers[2].scenario_capacity).toBeCloseTo(40, 9);
  });

  it('moving FTE changes schools meeting the standard and costs nothing; adding costs the salary', async () => {
    // Psychologists at 1:500: A (400) meets it with 1 FTE, B (800) needs 1.6.
    const move = await run([
      { type: 'fte', school_id: 'A', role: 'school_psychologist', fte: -0.2 },
      { type: 'fte', school_id: 'B', role: 'school_psychologist', fte: 0.2 }
    ]);
    const psych = move.staffing.find((s) => s.role === 'school_psychologist')!;
    expect([psych.schools_meeting, psych.scenario_schools_meeting]).toEqual([1, 1]);
    expect(psych.cost).toBeCloseTo(0, 6);
    const add = await run([{ type: 'fte', school_id: 'B', role: 'school_psychologist', fte: 0.6 }]);
    const added = add.staffing.find((s) => s.role === 'school_psychologist')!;
    expect(added.scenario_schools_meeting).toBe(2);
    expect(added.cost).toBeCloseTo(48_000, 6);
    expect(add.staffing.find((s) => s.role === 'school_counselor')!.cost).toBeNull();
  });

  it('a ratio, a tier rate and a screening count change only the scenario', async () => {
    const { tiers, staffing } = await run([
      { type: 'tier_rate', tier: 2, rate: 0.2 },
      { type: 'screening', school_id: 'A', tier: 3, students: 50 },
      { type: 'screening', school_id: 'A', tier: 3, students: 30 },
      { type: 'ratio', role: 'school_counselor', ratio: 400 }
    ]);
    expect(tiers[1].need).toBeCloseTo(180, 9);
    expect(tiers[1].scenario_need).toBeCloseTo(240, 9);
    // The last screening change wins: A needs 30 at tier 3, B 40.
    expect(tiers[2].scenario_need).toBeCloseTo(70, 9);
    // B has 2 counselors for 800 students: short of 1:250 (3.2), enough at 1:400.
    const counselors = staffing.find((s) => s.role === 'school_counselor')!;
    expect([counselors.schools_meeting, counselors.scenario_schools_meeting]).toEqual([0, 1]);
    const [{ rate }] = await engine.query<{ rate: number }>('SELECT rate FROM main.settings_tier_rate WHERE tier = 2');
    expect(rate).toBe(0.15);
    expect((await runner.changedSchools(3)).map((s) => s.school_id)).toEqual(['A', 'B']);
  });

  it('compares with the baseline as it is now, after the data or the settings change', async () => {
    const tier3 = async () => (await run([]))?.tiers[2];
    expect((await tier3()).need).toBeCloseTo(60, 9);
    // A new needs file: A screened 30 at tier 3 instead of 5% of 400.
    expect((await load(engine, { needs: text('needs.csv', 'school_id,tier,students\nA,3,30\n') })).errors).toEqual([]);
    expect((await tier3()).need).toBeCloseTo(70, 9);
    // A direct edit of a table, as no page makes, is seen too.
    await engine.exec("UPDATE main.needs SET students = 50 WHERE school_id = 'A' AND tier = 3");
    const edited = await tier3();
    expect(edited.need).toBeCloseTo(90, 9);
    expect(edited.scenario_need).toBeCloseTo(90, 9);
    await engine.exec('DELETE FROM main.needs');
  });

  it('refuses to remove more FTE than a school has, or to change an unknown school', async () => {
    expect(await checkScenario(engine, [{ type: 'fte', school_id: 'A', role: 'school_psychologist', fte: -1.5 }])).toEqual([
      { change: 0, kind: 'negative_fte', school_id: 'A', role: 'school_psychologist', value: -0.5 }
    ]);
    // Earlier changes count: two removals of 0.6 leave A's one psychologist below 0 only at the second.
    expect(await checkScenario(engine, [
      { type: 'fte', school_id: 'A', role: 'school_psychologist', fte: -0.6 },
      { type: 'fte', school_id: 'A', role: 'school_psychologist', fte: -0.6 }
    ])).toEqual([{ change: 1, kind: 'negative_fte', school_id: 'A', role: 'school_psychologist', value: expect.closeTo(-0.2, 9) }]);
    expect(await checkScenario(engine, [{ type: 'fte', school_id: 'Z', role: 'school_nurse', fte: 1 }])).toEqual([{ change: 0, kind: 'school_not_loaded', school_id: 'Z' }]);
    expect(await checkScenario(engine, [{ type: 'screening', school_id: '*', tier: 3, students: 9 }])).toEqual([{ change: 0, kind: 'school_not_loaded', school_id: '*' }]);
    expect(await checkScenario(engine, [{ type: 'add_service', school_id: '*', provider: 'P', provider_type: 'community', service: 'telehealth', tier: 2, capacity: 5 }])).toEqual([]);
    expect(await checkScenario(engine, [{ type: 'ratio', role: 'librarian', ratio: 400 }])).toEqual([{ change: 0, kind: 'not_a_role', role: 'librarian' }]);
  });

  it('refuses a removal whose row of the services file is gone or now holds another service', async () => {
    const alpha = 'individual counseling from Bay Clinic at Alpha (Tier 3, 10 students a year)';
    const beta = 'individual counseling from Bay Clinic at Beta (Tier 3, 10 students a year)';
    expect(await checkScenario(engine, [{ type: 'remove_service', row: 2, label: alpha }])).toEqual([]);
    expect(await checkScenario(engine, [
      { type: 'fte', school_id: 'B', role: 'school_counselor', fte: 1 },
      { type: 'remove_service', row: 99, label: 'Bay Clinic at Z' },
      { type: 'remove_service', row: 3, label: alpha }
    ])).toEqual([
      { change: 1, kind: 'service_gone', row: 99, label: 'Bay Clinic at Z' },
      { change: 2, kind: 'service_changed', row: 3, label: alpha, now: beta }
    ]);
  });

  it('says each problem in the team\'s words: school names and role labels, numbered as the list shows the changes', async () => {
    const schoolName = schoolNamer(await schoolNames(engine));
    const changes: Change[] = [
      { type: 'fte', school_id: 'B', role: 'school_psychologist', fte: -0.5 },
      { type: 'fte', school_id: 'A', role: 'school_psychologist', fte: 0.5 },
      { type: 'fte', school_id: 'A', role: 'school_psychologist', fte: -2 },
      { type: 'fte', school_id: 'Z', role: 'school_nurse', fte: 1 }
    ];
    const problems = await checkScenario(engine, changes);
    expect(problems.map((p) => problemText(p, schoolName, `Change ${changeLine(changes, p.change)}`))).toEqual([
      'Change 2: Alpha would have -0.5 FTE of school psychologist',
      'Change 3: school "Z" is not loaded'
    ]);
    expect(problemText(problems[0], schoolName, 'This change')).toBe('This change: Alpha would have -0.5 FTE of school psychologist');
    expect(problemText({ change: 4, kind: 'service_changed', row: 3, label: 'a', now: 'b' }, schoolName)).toBe('Change 5: row 3 of the services file is now b, not “a”');
    expect(problemText({ change: 0, kind: 'service_gone', row: 3, label: 'a' }, schoolName)).toBe('Change 1: “a” is no longer in the loaded services');
    expect(problemText({ change: 0, kind: 'not_a_role', role: 'librarian' }, schoolName)).toBe('Change 1: "librarian" is not a role');
  });
});
