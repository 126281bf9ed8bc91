/**
 * One number, one definition: the count of schools with a gap, per tier, as the Overview (the
 * district_tiers view), the Map (its figures' has_gap), the reports (their tier rows and the
 * district table) and `continuum analyze` (its summary line and its tier_gaps.csv) give it, on the
 * sample district and on the bench's invented state.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDistrict } from '../../bench/generate';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import { mapFigures } from '../../src/lib/core/model/map';
import { districtTiers } from '../../src/lib/core/model/queries';
import { Session, type LoadFile } from '../../src/lib/core/session/session';
import { continuum } from '../helpers/cli';
import { file, SAMPLE } from '../helpers/district';

const TIMEOUT = 120_000;
type Counts = Record<number, number>;

let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-one-rule-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Each place's count, read the way that place reads it. */
async function countsInTheApp(paths: Record<'schools' | 'staff' | 'services' | 'needs', string>) {
  const session = await Session.open(await createNodeEngine());
  try {
    const batch: LoadFile[] = (['schools', 'staff', 'services', 'needs'] as const).map((kind) => ({ kind, source: file(paths[kind]) }));
    const outcome = await session.load(batch, { replaceAll: true });
    expect(outcome.errors).toEqual([]);
    const overview: Counts = {};
    for (const t of await districtTiers(session.engine)) overview[t.tier] = t.schools_with_gap;
    const map: Counts = {};
    for (const tier of [1, 2, 3]) map[tier] = (await mapFigures(session.engine, { tier })).filter((f) => f.has_gap).length;
    const report = await session.report();
    const reportSchools: Counts = {};
    const reportDistrict: Counts = {};
    for (const tier of [1, 2, 3]) {
      reportSchools[tier] = report.schools.filter((s) => s.tiers.find((t) => t.tier === tier)?.has_gap).length;
      reportDistrict[tier] = report.tiers.find((t) => t.tier === tier)!.schools_with_gap;
    }
    return { overview, map, reportSchools, reportDistrict };
  } finally {
    await session.close();
  }
}

/** The command line's summary line and its tier_gaps.csv, counted with the contract's rule. */
async function countsOfTheCli(paths: Record<'schools' | 'staff' | 'services' | 'needs', string>, out: string) {
  const run = await continuum(['analyze', ...Object.entries(paths).flatMap(([k, p]) => [`--${k}`, p]), '--out', out], TIMEOUT);
  expect(run.code).toBe(0);
  const printed: Counts = {};
  for (const m of run.stdout.matchAll(/^Tier (\d)[^:]*: ([\d,]+) of [\d,]+ schools have a gap$/gm)) printed[Number(m[1])] = Number(m[2].replace(/,/g, ''));
  const csv: Counts = { 1: 0, 2: 0, 3: 0 };
  const anyGap: Counts = { 1: 0, 2: 0, 3: 0 };
  const [header, ...rows] = readFileSync(join(out, 'tier_gaps.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  for (const row of rows) {
    // The ids and names here hold no quoted commas, so the tier and gap are the same fields from the end.
    const cells = row.split(',');
    const tier = Number(cells[cells.length - (columns.length - columns.indexOf('tier'))]);
    const gap = Number(cells[cells.length - (columns.length - columns.indexOf('gap'))]);
    if (Math.round(gap) >= 1) csv[tier]++;
    if (gap > 0) anyGap[tier]++;
  }
  return { printed, csv, anyGap };
}

describe('schools with a gap, per tier', () => {
  it(
    'are the same number on the Overview, the Map, the reports and the command line, for the sample district',
    async () => {
      const paths = {
        schools: join(SAMPLE, 'schools.csv'),
        staff: join(SAMPLE, 'staff.csv'),
        services: join(SAMPLE, 'services.csv'),
        needs: join(SAMPLE, 'needs.csv')
      };
      const app = await countsInTheApp(paths);
      const cli = await countsOfTheCli(paths, join(temp, 'sample'));
      // The sample has Tier 3 schools whose gap is under half a student (shown as 0): the rule
      // must not count them, as `gap > 0` did on the Overview.
      expect(app.overview[3]).toBeGreaterThan(0);
      expect(cli.anyGap[3]).toBeGreaterThan(app.overview[3]);
      for (const counts of [app.map, app.reportSchools, app.reportDistrict, cli.printed, cli.csv]) expect(counts).toEqual(app.overview);
    },
    TIMEOUT
  );

  it(
    'are the same number everywhere for the bench’s state of 10,000 schools',
    async () => {
      const dir = mkdtempSync(join(temp, 'state-'));
      const paths = await writeDistrict('state', dir);
      const app = await countsInTheApp(paths);
      const cli = await countsOfTheCli(paths, join(temp, 'state-out'));
      expect(app.overview[2]).toBeGreaterThan(0);
      for (const counts of [app.map, app.reportSchools, app.reportDistrict, cli.printed, cli.csv]) expect(counts).toEqual(app.overview);
    },
    TIMEOUT * 2
  );
});
