import { join } from 'node:path';
import { geoArea } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { mapFigures, mapPlaces, serviceTiers, type MapFigure } from '../../src/lib/core/model/map';
import { tierGaps } from '../../src/lib/core/model/model';
import { fitArea, nearestInDirection, numericValue, readBoundaries, readingOrder, splitPlaces } from '../../src/lib/ui/map/geo';
import { COVERAGE_MARK_CLASSES, gapClasses, markClass, radiusScale, ringArc, ringShare } from '../../src/lib/ui/map/marks';
import { zoneScale } from '../../src/lib/ui/map/zones';
import { file, FIXTURES, load, openEngine, SAMPLE } from '../helpers/district';

const byId = (rows: MapFigure[]) => new Map(rows.map((r) => [r.school_id, r]));

describe('map figures on the hand-checked district', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine();
    const hand = (name: string) => file(join(FIXTURES, 'hand', name));
    const outcome = await load(engine, {
      schools: hand('schools.csv'),
      staff: hand('staff.csv'),
      services: hand('services.csv'),
      needs: hand('needs.csv')
    });
    expect(outcome.errors).toEqual([]);
  });
  afterAll(() => engine.close());

  it('lists every school, with or without coordinates', async () => {
    const places = await mapPlaces(engine);
    expect(places.map((p) => p.school_id)).toEqual(['A', 'B', 'C']);
    expect(places[0]).toMatchObject({ school_name: 'Alder Elementary', enrollment: 400, latitude: null, longitude: null });
  });

  it('equals the gap model when nothing narrows the choice', async () => {
    const gaps = (await tierGaps(engine)).map(({ school_id, tier, need, capacity, gap, coverage, has_gap }) => ({ school_id, tier, need, capacity, gap, coverage, has_gap }));
    for (const tier of [1, 2, 3]) expect(await mapFigures(engine, { tier })).toEqual(gaps.filter((g) => g.tier === tier));
    // All three tiers at once, as the map asks, are the same figures.
    expect(await mapFigures(engine, {})).toEqual(gaps);
  });

  it('counts only community providers, sharing district-wide ones by need', async () => {
    // Tier 3 need: A 20, B 70 (screened), C 0. Community: A's own 10, plus the county crisis team's 60 shared 20:70.
    const f = byId(await mapFigures(engine, { tier: 3, providerType: 'community' }));
    expect(f.get('A')!.capacity).toBeCloseTo(10 + (60 * 20) / 90, 9);
    expect(f.get('B')!.capacity).toBeCloseTo((60 * 70) / 90, 9);
    expect(f.get('B')!.gap).toBeCloseTo(70 - (60 * 70) / 90, 9);
    expect(f.get('C')).toMatchObject({ need: 0, capacity: 0, gap: 0, coverage: null });
  });

  it('counts nothing when no provider of that type works at that tier', async () => {
    const f = byId(await mapFigures(engine, { tier: 3, providerType: 'school' }));
    expect(f.get('A')).toMatchObject({ need: 20, capacity: 0, gap: 20, coverage: 0 });
    expect(f.get('B')).toMatchObject({ need: 70, capacity: 0, gap: 70, coverage: 0 });
  });

  it('narrows to one service type, keeping the tier need', async () => {
    const crisis = byId(await mapFigures(engine, { tier: 3, service: 'crisis_intervention' }));
    expect(crisis.get('A')!.need).toBe(20);
    expect(crisis.get('A')!.coverage).toBeCloseTo(60 / 90, 9);
    const counseling = byId(await mapFigures(engine, { tier: 2, service: 'group_counseling', providerType: 'school' }));
    expect(counseling.get('A')).toMatchObject({ need: 60, capacity: 30, gap: 30, coverage: 0.5 });
    expect(counseling.get('B')).toMatchObject({ need: 120, capacity: 0, gap: 120, coverage: 0 });
  });

  it('treats a service type as text, never as SQL', async () => {
    const f = await mapFigures(engine, { tier: 2, service: "x' OR '1'='1" });
    expect(f.map((r) => r.capacity)).toEqual([0, 0, 0]);
  });

  it('says which tiers each service type is listed at', async () => {
    expect(await serviceTiers(engine)).toContainEqual({ service: 'mentoring', tier: 2, capacity: 0 });
    expect((await serviceTiers(engine)).filter((s) => s.service === 'crisis_intervention')).toEqual([
      { service: 'crisis_intervention', tier: 3, capacity: 60 }
    ]);
  });
});

describe('map figures on the sample district', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine();
    const sample = (name: string) => file(join(SAMPLE, name));
    const outcome = await load(engine, {
      schools: sample('schools.csv'),
      staff: sample('staff.csv'),
      services: sample('services.csv'),
      needs: sample('needs.csv')
    });
    expect(outcome.errors).toEqual([]);
  });
  afterAll(() => engine.close());

  it('keeps the schools without coordinates', async () => {
    const unmapped = (await mapPlaces(engine)).filter((p) => p.latitude === null || p.longitude === null);
    expect(unmapped.map((p) => p.school_id)).toEqual(['HC014', 'HC044', 'HC111']);
  });

  it('gives the same figures for one tier as for all three', async () => {
    const all = await mapFigures(engine, { providerType: 'community' });
    for (const tier of [1, 2, 3]) expect(await mapFigures(engine, { tier, providerType: 'community' })).toEqual(all.filter((f) => f.tier === tier));
  });

  it('adds up: school plus community providers, and every service type, give the whole capacity', async () => {
    const types = [...new Set((await serviceTiers(engine)).map((s) => s.service))];
    for (const tier of [1, 2, 3]) {
      const all = await mapFigures(engine, { tier });
      const school = await mapFigures(engine, { tier, providerType: 'school' });
      const community = await mapFigures(engine, { tier, providerType: 'community' });
      const perService = await Promise.all(types.map((service) => mapFigures(engine, { tier, service })));
      all.forEach((row, i) => {
        expect(school[i].school_id).toBe(row.school_id);
        expect(school[i].need).toBe(row.need);
        expect(school[i].capacity + community[i].capacity).toBeCloseTo(row.capacity, 6);
        expect(perService.reduce((sum, f) => sum + f[i].capacity, 0)).toBeCloseTo(row.capacity, 6);
        expect(school[i].gap).toBeGreaterThanOrEqual(row.gap - 1e-9);
      });
    }
  });
});

// The map's pure helpers: how a figure becomes a mark, and how a user's boundary file is read.
describe('map helpers', () => {
  const figure = (gap: number, need = 100): MapFigure => ({ school_id: 'X', tier: 2, need, capacity: need - gap, gap, coverage: need ? (need - gap) / need : null, has_gap: gap >= 0.5 });

  it('draws the ring clockwise from twelve o’clock, full at or above need', () => {
    expect(ringShare(null)).toBeNull();
    expect(ringShare(1.7)).toBe(1);
    expect(ringArc(0, 0, 10, 0)).toBe('');
    expect(ringArc(0, 0, 10, 0.25)).toBe('M0,-10A10,10 0 0 1 10,0');
    expect(ringArc(0, 0, 10, 0.75)).toBe('M0,-10A10,10 0 1 1 -10,0');
    expect(ringArc(0, 0, 10, 1)).toBe('M0,-10A10,10 0 1 1 0,10A10,10 0 1 1 0,-10');
  });

  it('classes gaps in whole students, with no gap and no need apart', () => {
    const gaps = [0, 0.3, 2, 5, 9, 14, 30, 80, 200];
    const classes = gapClasses(gaps);
    expect(classes[0].label).toBe('no gap');
    expect(classes.at(-1)!.label).toBe('no need counted');
    const classOf = (f: MapFigure) => markClass(f, 'gap', classes).label;
    expect(classOf(figure(0.3))).toBe('no gap');
    expect(classOf(figure(0, 0))).toBe('no need counted');
    // Every school with a gap falls in exactly one class.
    for (const g of gaps.filter((g) => Math.round(g) >= 1)) expect(classes.filter((k) => k.test(figure(g))).length).toBe(1);
    expect(classOf(figure(200))).toMatch(/or more students$/);
    // With no gap anywhere, one gap class still says what orange would mean.
    expect(gapClasses([0, 0]).map((k) => k.label)).toEqual(['no gap', '1 or more students', 'no need counted']);
  });

  it('colours by coverage with the shared coverage scale', () => {
    expect(markClass(figure(60), 'coverage', COVERAGE_MARK_CLASSES).label).toBe('under 50% covered');
    expect(markClass(figure(0), 'coverage', COVERAGE_MARK_CLASSES).label).toBe('fully covered');
  });

  it('sizes marks by the square root of enrollment, never too small to hit', () => {
    const radius = radiusScale(2000, 100);
    expect(radius(2000)).toBeCloseTo(14);
    expect(radius(500)).toBeCloseTo(7);
    expect(radius(0)).toBeGreaterThanOrEqual(2.5);
    expect(radiusScale(2000, 10_000)(2000)).toBeLessThan(14);
  });

  it('reads a GeoJSON file, turning rings the way d3 draws them', () => {
    // RFC 7946 winds the outer ring counterclockwise; d3 would fill the whole globe but this.
    const ring = [
      [-73, 41],
      [-72.9, 41],
      [-72.9, 41.1],
      [-73, 41.1],
      [-73, 41]
    ];
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'North', students: '1,200', code: 7 }, geometry: { type: 'Polygon', coordinates: [ring] } },
        { type: 'Feature', properties: { name: 'South', students: 800, code: null }, geometry: { type: 'Polygon', coordinates: [[...ring].reverse()] } },
        { type: 'Feature', properties: { name: 'A school' }, geometry: { type: 'Point', coordinates: [-73, 41] } }
      ]
    });
    const read = readBoundaries('zones.geojson', text);
    expect(read.features).toHaveLength(2);
    expect(read.numeric.sort()).toEqual(['code', 'students']);
    expect(read.labels).toEqual(['name']);
    for (const f of read.features) expect(geoArea(f)).toBeLessThan(2 * Math.PI);
    expect(numericValue('1,200')).toBe(1200);
    expect(() => readBoundaries('x.json', '{"type":')).toThrow(/not JSON/);
    expect(() => readBoundaries('x.json', '{"type":"Topology"}')).toThrow(/not GeoJSON/);
    const projected = JSON.stringify({ type: 'Polygon', coordinates: [[[500000, 4500000], [500100, 4500000], [500100, 4500100], [500000, 4500000]]] });
    expect(() => readBoundaries('plane.geojson', projected)).toThrow(/longitude and latitude/);
  });

  it('moves between marks by direction, and orders them as a page is read', () => {
    const points: [string, [number, number]][] = [
      ['a', [0, 0]],
      ['b', [10, 1]],
      ['c', [0, 10]],
      ['d', [30, 0]],
      ['e', [5, 30]]
    ];
    expect(nearestInDirection([0, 0], points, 'right')).toBe('b');
    expect(nearestInDirection([0, 0], points, 'down')).toBe('c');
    expect(nearestInDirection([0, 0], points, 'left')).toBeNull();
    expect(nearestInDirection([10, 1], points, 'up')).toBe('a');
    expect(readingOrder(points, 8)).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('fits a padded area, even around a single school', () => {
    const area = fitArea([[-72.9, 41.3]]);
    const [[west, south], [east, north]] = (area.geometry as { coordinates: number[][] }).coordinates;
    [west, south, east, north].forEach((v, i) => expect(v).toBeCloseTo([-72.91, 41.29, -72.89, 41.31][i], 9));
    const places = splitPlaces([
      { school_id: 'A', school_name: 'A', level: null, enrollment: 1, latitude: 41, longitude: -73 },
      { school_id: 'B', school_name: 'B', level: null, enrollment: 1, latitude: null, longitude: -73 },
      { school_id: 'C', school_name: 'C', level: null, enrollment: 1, latitude: 91, longitude: -73 }
    ]);
    expect(places.placed.map((p) => p.school_id)).toEqual(['A']);
    expect(places.unplaced.map((p) => p.school_id)).toEqual(['B', 'C']);
  });

  it('shades boundaries in equal classes of the chosen property', () => {
    const { classes, colour } = zoneScale([0, 10, 55, 100]);
    expect(classes).toHaveLength(5);
    expect(classes[0].label).toBe('0 to 20');
    expect(colour(100)).toBe(classes[4].color);
    expect(zoneScale([5, 5]).classes).toHaveLength(1);
  });
});
