/**
 * The report's one layout, from the sample district: what both the HTML and the DOCX draw. Its
 * figures must be the model's, its emphasis the model's has_gap and below_standard, and a withheld
 * survey cell must hold no figure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { districtLayout, schoolLayout, type Block, type TableBlock } from '../../src/lib/core/export/report/layout';
import { buildReport, type Report } from '../../src/lib/core/export/report/model';
import { staffing, tierGaps } from '../../src/lib/core/model/model';
import { count, fteAligned, shareText, tierName } from '../../src/lib/core/present';
import { importSurvey } from '../../src/lib/core/survey/import';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { file, load, openEngine, SAMPLE } from '../helpers/district';

let engine: Engine;
let report: Report;

beforeAll(async () => {
  engine = await openEngine();
  const outcome = await load(engine, {
    schools: file(join(SAMPLE, 'schools.csv')),
    staff: file(join(SAMPLE, 'staff.csv')),
    services: file(join(SAMPLE, 'services.csv')),
    needs: file(join(SAMPLE, 'needs.csv'))
  });
  expect(outcome.errors).toEqual([]);
  const template = parseTemplate('family-midyear', readFileSync(join(SAMPLE, '..', 'survey-templates', 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
  expect((await importSurvey(engine, file(join(SAMPLE, 'survey-family-midyear.csv')), template)).errors).toEqual([]);
  report = await buildReport(engine, { made: new Date('2027-01-15T00:00:00Z') });
}, 120_000);
afterAll(() => engine.close());

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');
/** The table that follows the level 1 heading with this id. */
function tableUnder(blocks: Block[], id: string): TableBlock {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.id === id);
  expect(start).toBeGreaterThanOrEqual(0);
  return tables(blocks.slice(start))[0];
}

describe('the district layout', () => {
  it("holds every school's figures for every tier as tier_gaps gives them, gaps marked by has_gap", async () => {
    const { blocks } = districtLayout(report);
    const bySchool = tableUnder(blocks, 'school-gaps');
    const tiers = report.tiers.map((t) => t.tier);
    expect(bySchool.groups?.slice(1).map((g) => g.label)).toEqual(tiers.map(tierName));
    const gaps = await tierGaps(engine);
    expect(gaps.length).toBeGreaterThan(300);
    let marked = 0;
    for (const g of gaps) {
      const row = bySchool.rows.find((r) => r[0].id === g.school_id)!;
      const at = 1 + tiers.indexOf(g.tier) * 4;
      expect(row.slice(at, at + 4).map((c) => c.text)).toEqual([count(g.need), count(g.capacity), count(g.gap), shareText(g.coverage)]);
      expect(!!row[at + 2].gap).toBe(g.has_gap);
      if (g.has_gap) marked++;
    }
    // The sample has gaps and schools without one, so the rule is tested both ways.
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThan(gaps.length);
  });

  it('marks a role below its standard by the model, not by the size of the figure', async () => {
    const bySchool = tableUnder(districtLayout(report).blocks, 'school-staffing');
    const roles = report.district.settings.ratios.map((r) => r.role);
    for (const s of await staffing(engine)) {
      const row = bySchool.rows.find((r) => r[0].id === s.school_id)!;
      const gapCell = row[2 + roles.indexOf(s.role) * 3 + 2];
      expect(gapCell.text).toBe(fteAligned(s.fte_gap));
      expect(!!gapCell.gap).toBe(s.below_standard);
    }
  });

  it("puts a withheld school's survey cells in the table as n<10 and nothing else", () => {
    const survey = tableUnder(districtLayout(report).blocks, 'survey');
    // The four small schools of sample-data/README.md are withheld.
    for (const id of ['HC044', 'HC064', 'HC111', 'HC122']) {
      const row = survey.rows.find((r) => r[0].id === id)!;
      for (const c of row.slice(1)) expect(c).toEqual({ text: 'n<10', withheld: true });
    }
  });
});

describe('a school layout', () => {
  it('says withheld for each figure of a withheld construct', () => {
    const school = report.schools.find((s) => s.school_id === 'HC044')!;
    const survey = tableUnder(schoolLayout(report, school).blocks, 'survey');
    for (const row of survey.rows) expect(row.slice(1).map((c) => c.text)).toEqual(['n<10', 'withheld', 'withheld']);
  });

  it("starts with the school's title and the report's kicker", () => {
    const school = report.schools[0];
    const [title] = schoolLayout(report, school).blocks;
    expect(title).toMatchObject({ kind: 'title', title: school.school_name });
  });
});
