/**
 * Survey results for the views and the reports: suppression and complementary suppression,
 * language groups, waves and the change between them, and the coverage–awareness quadrant,
 * against DuckDB itself. The rule is written in src/lib/core/survey/suppression.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/core/contract/settings';
import type { Engine } from '../../src/lib/core/engine/engine';
import { surveySummary } from '../../src/lib/core/model/model';
import { applySettings } from '../../src/lib/core/model/settings';
import { importSurvey } from '../../src/lib/core/survey/import';
import {
  surveyByLanguage,
  surveyBySchool,
  surveyQuadrant,
  surveyWaveChange,
  surveyWaves,
  type ConstructResult,
  type ResultCell
} from '../../src/lib/core/survey/results';
import { effectiveThreshold, suppressGroup } from '../../src/lib/core/survey/suppression';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { clearDistrict, fixture, load, openEngine, text } from '../helpers/district';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'survey-templates');
const template = parseTemplate('family-midyear', readFileSync(join(TEMPLATES, 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
const staffTemplate = parseTemplate('staff', readFileSync(join(TEMPLATES, 'staff.csv'), 'utf8'), BUILT_IN_SCALES);

describe('suppressGroup (pure)', () => {
  const parts = (...ns: number[]) => ns.map((n, i) => ({ key: `s${i}`, n }));

  it('withholds parts under the threshold, and not at it', () => {
    expect(suppressGroup(parts(9, 10, 25, 3), { n: 47 }, 10)).toEqual({
      parts: new Map([['s0', 'few'], ['s3', 'few']]),
      totalWithheld: true
    });
  });

  it('withholds the total, never another part, where a part is withheld', () => {
    expect(suppressGroup(parts(30, 12, 6, 12, 40), { n: 100 }, 10)).toEqual({ parts: new Map([['s2', 'few']]), totalWithheld: true });
    expect(suppressGroup(parts(30, 12, 40), { n: 82 }, 10)).toEqual({ parts: new Map(), totalWithheld: false });
  });

  it('needs no complementary cell without a total', () => {
    expect(suppressGroup(parts(30, 6), null, 10).parts).toEqual(new Map([['s1', 'few']]));
  });

  it('withholds a total under the threshold', () => {
    expect(suppressGroup(parts(3, 4), { n: 7 }, 10)).toEqual({ parts: new Map([['s0', 'few'], ['s1', 'few']]), totalWithheld: true });
  });

  it('withholds the total where there is no other part to withhold', () => {
    expect(suppressGroup(parts(6), { n: 12 }, 10)).toEqual({ parts: new Map([['s0', 'few']]), totalWithheld: true });
  });

  it('never lets the threshold fall below 5', () => {
    expect(effectiveThreshold(2)).toBe(5);
    expect(suppressGroup(parts(4, 30, 30), { n: 64 }, 1).parts.get('s0')).toBe('few');
  });

  it('property: over random small groups, no withheld part can be worked out by subtraction', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 15 }), (ns, setting) => {
        const min = effectiveThreshold(setting);
        const group = parts(...ns);
        const total = ns.reduce((a, b) => a + b, 0);
        const { parts: withheld, totalWithheld } = suppressGroup(group, { n: total }, min);
        // Every small part is withheld, and only small parts are withheld as "few".
        for (const p of group) expect(withheld.get(p.key) === 'few').toBe(p.n < min);
        // A small total is never shown.
        if (total < min) expect(totalWithheld).toBe(true);
        // A shown total covers only shown parts, so subtraction gives nothing away; and a part is
        // shown exactly where the contract's rule alone shows it, as in every other view.
        if (!totalWithheld) expect(withheld.size).toBe(0);
        else if (total >= min) expect(withheld.size).toBeGreaterThan(0);
      }),
      { numRuns: 500 }
    );
  });
});

let engine: Engine;
beforeAll(async () => {
  engine = await openEngine();
  await clearDistrict(engine);
  // Four schools: the hand district's three and a fourth, so groups have room.
  const schools = text('schools.csv', 'school_id,school_name,enrollment,level\nA,Alder Elementary,400,elementary\nB,Birch Middle School,800,middle\nC,Cedar Learning Center,60,other\nD,Dogwood High School,1200,high\n');
  const staff = text('staff.csv', 'school_id,role,fte\nA,counselor,1\nB,counselor,2\nD,counselor,1.5\n');
  const services = text(
    'services.csv',
    'school_id,provider,provider_type,service,tier,capacity\nA,Alder Team,school,group_counseling,2,90\nA,Harbor Family Services,community,individual_counseling,3,30\nB,Birch Office,school,check_in_check_out,2,20\nC,Cedar Team,school,group_counseling,2,12\nD,Dogwood Team,school,group_counseling,2,100\nD,Harbor Family Services,community,individual_counseling,3,60\n'
  );
  expect((await load(engine, { schools, staff, services })).errors).toEqual([]);
});
afterAll(() => engine.close());
beforeEach(async () => {
  await engine.exec('DELETE FROM survey_items; DELETE FROM survey_responses; DELETE FROM survey_answers');
  await applySettings(engine, DEFAULT_SETTINGS);
});

/**
 * A response file: for each school, `n` respondents answering aware_1 and access_1 with `value`
 * (and the language and wave given).
 */
function responses(groups: { school: string; n: number; value?: number; language?: string; wave?: string }[], name = 'responses.csv') {
  const lines = ['school,language,wave,aware_1,access_1'];
  for (const g of groups) for (let i = 0; i < g.n; i++) lines.push(`${g.school},${g.language ?? 'English'},${g.wave ?? ''},${g.value ?? 4},${g.value ?? 4}`);
  return text(name, lines.join('\n') + '\n');
}

const shownPct = (cell: ResultCell) => (cell.shown ? Math.round(cell.pct_favorable * 100) / 100 : cell.withheld);
const view = (results: ConstructResult[], construct = 'awareness') => {
  const c = results.find((r) => r.construct === construct)!;
  return { total: shownPct(c.total), ...Object.fromEntries(c.rows.map((r) => [r.key, shownPct(r.cell)])) };
};

describe('results by school', () => {
  it('score as the contract summary does, for every school with answers', async () => {
    expect((await importSurvey(engine, fixture('survey/google-forms-small.csv'), template)).errors).toEqual([]);
    const compare = async () => {
      const bySchool = await surveyBySchool(engine, '');
      for (const row of await surveySummary(engine)) {
        const cell = bySchool.find((c) => c.construct === row.construct)!.rows.find((r) => r.key === row.school_id)!.cell;
        if (cell.shown) expect(cell).toMatchObject({ n: row.n, pct_favorable: row.pct_favorable, mean: row.mean });
        else expect([cell.withheld, row.suppressed]).toEqual(['few', true]);
      }
      return bySchool;
    };
    // B is small: withheld, and left out of the district total, which is then A's alone. A is
    // shown, as on the school page and in the reports.
    expect(view(await compare())).toEqual({ total: 66.67, A: 66.67, B: 'few' });
    await applySettings(engine, { ...DEFAULT_SETTINGS, suppressionThreshold: 5 });
    const all = await compare();
    expect(view(all)).toEqual({ total: 65.63, A: 66.67, B: 63.64 });
    // Shares of each scale point add up to one.
    const a = all[0].rows[0].cell;
    expect(a.shown && a.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 10);
  });

  it('leave a withheld school out of the district total, and withhold no other school', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12 }, { school: 'B', n: 6, value: 2 }, { school: 'C', n: 11 }, { school: 'D', n: 30 }]), template);
    const results = await surveyBySchool(engine, '');
    expect(view(results)).toEqual({ total: 100, A: 100, B: 'few', C: 100, D: 100 });
    expect(results[0].total).toMatchObject({ n: 53 });
    expect(results[0].left).toBe(1);
  });

  it('leave two small schools out of the district total together', async () => {
    // Were they in it, total minus A would be B and C's families together: 6, under the threshold.
    await importSurvey(engine, responses([{ school: 'A', n: 20 }, { school: 'B', n: 3, value: 1 }, { school: 'C', n: 3, value: 2 }]), template);
    expect(view(await surveyBySchool(engine, ''))).toEqual({ total: 100, A: 100, B: 'few', C: 'few' });
  });

  it('show the district total where every school is shown', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12 }, { school: 'B', n: 10, value: 2 }, { school: 'D', n: 30 }]), template);
    expect(view(await surveyBySchool(engine, ''))).toEqual({ total: 80.77, A: 100, B: 0, D: 100 });
  });

  it('withhold the district total where it has fewer respondents than the threshold', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 4 }, { school: 'B', n: 3 }]), template);
    expect(view(await surveyBySchool(engine, ''))).toEqual({ total: 'few', A: 'few', B: 'few' });
  });

  it('carry no figure at all in a withheld cell', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12 }, { school: 'B', n: 6 }, { school: 'D', n: 30 }]), template);
    const cells = (await surveyBySchool(engine, '')).flatMap((c) => c.rows.map((r) => r.cell)).filter((c) => !c.shown);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(Object.keys(cell).sort()).toEqual(['shown', 'withheld']);
  });

  it('follow the threshold setting', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12 }, { school: 'B', n: 6 }, { school: 'C', n: 7 }, { school: 'D', n: 30 }]), template);
    await applySettings(engine, { ...DEFAULT_SETTINGS, suppressionThreshold: 7 });
    expect(view(await surveyBySchool(engine, ''))).toEqual({ total: 100, A: 100, B: 'few', C: 100, D: 100 });
  });
});

describe('results by language of response', () => {
  it('withhold the total where one language is small, and show the other', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 20 }, { school: 'D', n: 24 }, { school: 'D', n: 6, language: 'Español', value: 2 }]), template);
    expect(view(await surveyByLanguage(engine, ''))).toEqual({ total: 'complementary', en: 100, es: 'few' });
  });

  it('count only the families of schools shown', async () => {
    // D's 6 Spanish-speaking families are D's only ones: D is withheld, and they are in no language group.
    await importSurvey(engine, responses([{ school: 'A', n: 20 }, { school: 'D', n: 6, language: 'Español', value: 2 }]), template);
    expect(view(await surveyByLanguage(engine, ''))).toEqual({ total: 100, en: 100 });
  });

  it('show English against Spanish where both are large enough, and count the unknown as a group of its own', async () => {
    const lines = ['school,aware_1,access_1'];
    for (let i = 0; i < 12; i++) lines.push('A,Agree,Agree');
    for (let i = 0; i < 11; i++) lines.push('D,En desacuerdo,De acuerdo');
    for (let i = 0; i < 10; i++) lines.push('D,3,3');
    await importSurvey(engine, text('labels.csv', lines.join('\n')), template);
    const results = await surveyByLanguage(engine, '');
    expect(view(results)).toEqual({ total: 36.36, en: 100, es: 0, unknown: 0 });
    expect(view(results, 'access')).toEqual({ total: 69.7, en: 100, es: 100, unknown: 0 });
    expect(results[0].rows.map((r) => r.label)).toEqual(['English', 'Spanish (Español)', 'Language not known']);
  });
});

describe('waves', () => {
  it('a new wave keeps the others; a wave loaded again replaces only itself; respondent ids stay unique', async () => {
    const fall = await importSurvey(engine, responses([{ school: 'A', n: 12, value: 2 }, { school: 'D', n: 15, value: 2 }], 'fall.csv'), template, { wave: 'fall' });
    expect(fall).toMatchObject({ ok: true, waves: ['fall'], keptWaves: [], respondents: 27 });
    const midyear = await importSurvey(engine, responses([{ school: 'A', n: 11, value: 5 }, { school: 'D', n: 14, value: 4 }], 'midyear.csv'), template, { wave: 'mid-year' });
    expect(midyear).toMatchObject({ ok: true, waves: ['mid-year'], keptWaves: ['fall'], respondents: 52 });
    expect(await surveyWaves(engine)).toEqual([
      { wave: 'fall', wave_order: 1, respondents: 27 },
      { wave: 'mid-year', wave_order: 2, respondents: 25 }
    ]);

    // Fall again, corrected, named in another case: it keeps its place before mid-year.
    const again = await importSurvey(engine, responses([{ school: 'A', n: 10, value: 3 }, { school: 'D', n: 16, value: 2 }], 'fall-fixed.csv'), template, { wave: 'Fall' });
    expect(again).toMatchObject({ ok: true, waves: ['fall'], keptWaves: ['mid-year'], respondents: 51 });
    expect(await surveyWaves(engine)).toEqual([
      { wave: 'fall', wave_order: 1, respondents: 26 },
      { wave: 'mid-year', wave_order: 2, respondents: 25 }
    ]);
    const [{ ids, distinct }] = await engine.query<{ ids: number; distinct: number }>('SELECT count(*) AS ids, count(DISTINCT respondent) AS distinct FROM survey_responses');
    expect(distinct).toBe(ids);
    const [{ orphans }] = await engine.query<{ orphans: number }>('SELECT count(*) AS orphans FROM survey_answers WHERE respondent NOT IN (SELECT respondent FROM survey_responses)');
    expect(orphans).toBe(0);
    expect(await engine.query("SELECT file_name, rows FROM input_files WHERE kind = 'survey'")).toEqual([{ file_name: 'fall-fixed.csv; midyear.csv', rows: 51 }]);

    // The contract's summary is the latest wave's, never the waves pooled.
    const summary = await surveySummary(engine);
    expect(summary.find((s) => s.school_id === 'A' && s.construct === 'awareness')).toMatchObject({ n: 11, pct_favorable: 100 });
  });

  it('come from a wave column, several in one file, and blank cells take the wave named at upload', async () => {
    const outcome = await importSurvey(
      engine,
      responses([{ school: 'A', n: 3, wave: 'fall' }, { school: 'A', n: 2, wave: 'spring' }, { school: 'A', n: 4 }]),
      template,
      { wave: 'winter' }
    );
    expect(outcome.waves).toEqual(['fall', 'spring', 'winter']);
    expect((await surveyWaves(engine)).map((w) => [w.wave, w.respondents])).toEqual([['fall', 3], ['spring', 2], ['winter', 4]]);
  });

  it('a survey of another template replaces every wave, with a warning', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12 }], 'fall.csv'), template, { wave: 'fall' });
    const staff = await importSurvey(engine, text('staff.csv', 'school,referral_1\nA,4\n'), staffTemplate, { wave: 'spring' });
    expect(staff.warnings.map((w) => w.message)).toContain('the survey loaded before used other items; it is replaced by this one (staff)');
    expect(staff.keptWaves).toEqual([]);
    expect((await surveyWaves(engine)).map((w) => w.wave)).toEqual(['spring']);
  });

  it('change between two waves: each wave suppressed first, a difference only where both are shown', async () => {
    await importSurvey(engine, responses([{ school: 'A', n: 12, value: 2 }, { school: 'B', n: 20, value: 2 }, { school: 'C', n: 6, value: 2 }, { school: 'D', n: 15, value: 2 }]), template, { wave: 'fall' });
    await importSurvey(engine, responses([{ school: 'A', n: 11, value: 5 }, { school: 'B', n: 20, value: 4 }, { school: 'C', n: 14, value: 4 }, { school: 'D', n: 8, value: 4 }]), template, { wave: 'mid-year' });
    const [awareness] = await surveyWaveChange(engine, 'fall', 'mid-year');
    const row = (key: string) => {
      const r = awareness.rows.find((x) => x.key === key)!;
      return [shownPct(r.from), shownPct(r.to), r.change];
    };
    // Fall: C small; mid-year: D small. Each is withheld and left out of its wave's total.
    expect(row('A')).toEqual([0, 100, 100]);
    expect(row('B')).toEqual([0, 100, 100]);
    expect(row('C')).toEqual(['few', 100, null]);
    expect(row('D')).toEqual([0, 'few', null]);
    expect(awareness.total.change).toBe(100);
  });
});

describe('the coverage–awareness quadrant', () => {
  it('places each school whose awareness and access are shown; lists the others as withheld', async () => {
    // A and D have many seats; B few. A's families know, D's do not, B's know.
    await importSurvey(
      engine,
      responses([{ school: 'A', n: 12, value: 5 }, { school: 'B', n: 20, value: 4 }, { school: 'C', n: 6 }, { school: 'D', n: 15, value: 2 }]),
      template
    );
    const quadrant = (await surveyQuadrant(engine, ''))!;
    expect(quadrant.constructs).toEqual(['awareness', 'access']);
    const by = Object.fromEntries(quadrant.schools.map((s) => [s.school_id, [s.quadrant, shownPct(s.awareness)]]));
    // C is small and is not placed; the others are.
    expect(by).toEqual({ A: ['known-and-served', 100], B: ['unreachable', 100], C: [null, 'few'], D: ['unaware', 0] });
    const coverage = Object.fromEntries(quadrant.schools.map((s) => [s.school_id, s.coverage]));
    expect(coverage.B).toBeCloseTo(20 / (800 * 0.2), 10);
    // Medians of A (120 seats for 80), B and D (160 for 240).
    expect(quadrant.split!.coverage).toBeCloseTo(160 / 240, 10);
    expect(quadrant.split!.pct_favorable).toBe(100);
  });

  it('is not drawn for a template without awareness or access', async () => {
    await importSurvey(engine, text('staff.csv', 'school,referral_1\nA,4\n'), staffTemplate);
    expect(await surveyQuadrant(engine, '')).toBeNull();
  });
});
