/**
 * Geography for the map, as pure functions: which schools can be placed, the area to fit, the
 * user's own boundary file (read in the browser, never sent), and moving between marks by key.
 */
import { geoArea } from 'd3';
import type { Feature, FeatureCollection, Geometry, GeoJsonProperties, Polygon, MultiPolygon, Position } from 'geojson';
import type { MapPlace } from '$lib/core/model/map';

export interface PlacedSchool extends MapPlace {
  latitude: number;
  longitude: number;
}

const inRange = (lat: unknown, lon: unknown) =>
  typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** Splits schools into those with both coordinates and those the map must list beside it. */
export function splitPlaces(places: MapPlace[]): { placed: PlacedSchool[]; unplaced: MapPlace[] } {
  const placed: PlacedSchool[] = [];
  const unplaced: MapPlace[] = [];
  for (const p of places) {
    if (inRange(p.latitude, p.longitude)) placed.push(p as PlacedSchool);
    else unplaced.push(p);
  }
  return { placed, unplaced };
}

/**
 * The area to fit the projection to: the schools' extent, padded by a tenth on each side and
 * never under about a kilometre, so one school or a row of schools still gives a sensible view.
 */
export function fitArea(points: [number, number][]): Feature<Geometry> {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  if (!points.length) [west, south, east, north] = [-125, 24, -66, 50];
  const padLon = Math.max((east - west) * 0.1, 0.01);
  const padLat = Math.max((north - south) * 0.1, 0.01);
  // Corners as points: a MultiPoint has no winding to get wrong.
  return {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [west - padLon, south - padLat],
        [east + padLon, north + padLat]
      ]
    }
  };
}

/**
 * d3 reads a polygon's outer ring clockwise; GeoJSON files (RFC 7946) wind it the other way,
 * which d3 takes for "the whole globe but this". A polygon larger than a hemisphere is turned.
 */
export function rewind<G extends Geometry>(geometry: G): G {
  const turn = (rings: Position[][]) => rings.map((ring) => [...ring].reverse());
  if (geometry.type === 'Polygon') {
    const polygon = geometry as Polygon;
    return (geoArea(polygon) > 2 * Math.PI ? { ...polygon, coordinates: turn(polygon.coordinates) } : polygon) as G;
  }
  if (geometry.type === 'MultiPolygon') {
    const multi = geometry as MultiPolygon;
    return {
      ...multi,
      coordinates: multi.coordinates.map((rings) => (geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? turn(rings) : rings))
    } as G;
  }
  return geometry;
}

export interface Boundaries {
  name: string;
  features: Feature<Geometry, GeoJsonProperties>[];
  /** Properties with a number in every feature that has them, for a choropleth. */
  numeric: string[];
  /** Properties to name a feature by, in the tooltip. */
  labels: string[];
}

const DRAWABLE = new Set(['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString']);

/** A property's value as a number, where it is one (numbers in text count: "12.5", "1,480"). */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.replace(/,/g, '').trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function allPositions(geometry: Geometry, visit: (p: Position) => void) {
  if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => allPositions(g, visit));
  else if (geometry.type === 'Point') visit(geometry.coordinates);
  else if (geometry.type === 'MultiPoint' || geometry.type === 'LineString') geometry.coordinates.forEach(visit);
  else if (geometry.type === 'MultiLineString' || geometry.type === 'Polygon') geometry.coordinates.forEach((r) => r.forEach(visit));
  else geometry.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
}

/**
 * Reads a GeoJSON file's text. Keeps polygons and lines; says plainly what is wrong otherwise,
 * including coordinates that are not longitude and latitude (a state plane export, say).
 */
export function readBoundaries(name: string, text: string): Boundaries {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON. Choose a GeoJSON file (.geojson or .json).`);
  }
  const type = (json as { type?: unknown })?.type;
  let raw: Feature[];
  if (type === 'FeatureCollection' && Array.isArray((json as FeatureCollection).features)) raw = (json as FeatureCollection).features;
  else if (type === 'Feature') raw = [json as Feature];
  else if (typeof type === 'string' && DRAWABLE.has(type)) raw = [{ type: 'Feature', properties: {}, geometry: json as Geometry }];
  else throw new Error(`${name} is not GeoJSON: it needs "type": "FeatureCollection", "Feature" or a polygon geometry.`);

  const features: Feature<Geometry, GeoJsonProperties>[] = [];
  let outOfRange = false;
  for (const f of raw) {
    const geometry = f?.geometry;
    if (!geometry || !DRAWABLE.has(geometry.type)) continue;
    allPositions(geometry, (p) => {
      if (!inRange(p[1], p[0])) outOfRange = true;
    });
    features.push({ type: 'Feature', id: f.id, properties: f.properties ?? {}, geometry: rewind(geometry) });
  }
  if (outOfRange) {
    throw new Error(`${name} has coordinates that are not longitude and latitude. Export it in WGS 84 (EPSG:4326), as GeoJSON files normally are.`);
  }
  if (!features.length) throw new Error(`${name} has no polygons or lines to draw.`);

  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  const numeric: string[] = [];
  const labels: string[] = [];
  for (const key of keys) {
    const values = features.map((f) => f.properties?.[key]).filter((v) => v !== null && v !== undefined && v !== '');
    if (!values.length) continue;
    if (values.every((v) => numericValue(v) !== null)) numeric.push(key);
    else if (values.every((v) => typeof v === 'string')) labels.push(key);
  }
  return { name, features, numeric, labels };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The next mark from `from` in a direction on screen: the nearest one within 45° of it, or
 * failing that the nearest in that half of the plane. Off-axis distance counts double, so a
 * mark straight ahead wins over a slightly closer one to the side.
 */
export function nearestInDirection(from: [number, number], points: [string, [number, number]][], direction: Direction): string | null {
  const [ax, ay] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[direction];
  let best: string | null = null;
  let bestScore = Infinity;
  let bestWide: string | null = null;
  let bestWideScore = Infinity;
  for (const [id, [x, y]] of points) {
    const dx = x - from[0];
    const dy = y - from[1];
    const along = dx * ax + dy * ay;
    if (along <= 0) continue;
    const across = Math.abs(dx * ay - dy * ax);
    const score = along + 2 * across;
    if (across <= along && score < bestScore) {
      best = id;
      bestScore = score;
    }
    if (score < bestWideScore) {
      bestWide = id;
      bestWideScore = score;
    }
  }
  return best ?? bestWide;
}

/**
 * Reading order for Tab and for screen readers: bands from north to south, west to east in a
 * band, so the order follows the map the way a page is read.
 */
export function readingOrder(points: [string, [number, number]][], bandHeight: number): string[] {
  const keyed = points.map(([id, [x, y]]) => ({ id, band: Math.floor(y / bandHeight), x }));
  keyed.sort((a, b) => a.band - b.band || a.x - b.x);
  return keyed.map((k) => k.id);
}
