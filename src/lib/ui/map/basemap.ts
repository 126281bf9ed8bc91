/**
 * The basemap, drawn offline from the Census Bureau's county and state boundaries that us-atlas
 * ships through npm (bundled by Vite, so nothing is fetched from anywhere). Only the shapes whose
 * box meets the view are decoded and projected, and every line is clipped to the view. A view
 * over many counties (a state-wide district) shows states alone: county lines would be noise.
 */
import { geoPath, type GeoProjection } from 'd3';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import counties from 'us-atlas/counties-10m.json';

interface Named {
  name: string;
}
type Atlas = Topology<{ counties: GeometryCollection<Named>; states: GeometryCollection<Named> }>;

const atlas = counties as unknown as Atlas;
/** Above this many counties in view, the basemap draws states only. */
const MAX_COUNTIES = 250;

type Box = [number, number, number, number];
let shapeBoxes: { counties: Box[]; states: Box[] } | null = null;

/** Works out the shapes' boxes while the browser is idle, so the first draw need not. */
export function warmBasemap(): void {
  if (shapeBoxes) return;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => boxes(), { timeout: 2000 });
  else setTimeout(() => boxes(), 0);
}
// As soon as the map's code arrives: the database is still starting then, and the browser idle.
warmBasemap();

/** Each county's and state's [west, south, east, north], from its arcs: computed once, on the first draw. */
function boxes(): { counties: Box[]; states: Box[] } {
  if (shapeBoxes) return shapeBoxes;
  const [sx, sy] = atlas.transform!.scale;
  const [tx, ty] = atlas.transform!.translate;
  // Plain index loops: this runs once, before the engine has optimised it, so iterators cost.
  const arcs = atlas.arcs;
  const arcBoxes = new Float64Array(arcs.length * 4);
  for (let a = 0; a < arcs.length; a++) {
    const arc = arcs[a];
    let x = 0;
    let y = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    // Quantized arcs are delta-encoded: each position adds to the one before.
    for (let i = 0; i < arc.length; i++) {
      x += arc[i][0];
      y += arc[i][1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    arcBoxes[a * 4] = x0 * sx + tx;
    arcBoxes[a * 4 + 1] = y0 * sy + ty;
    arcBoxes[a * 4 + 2] = x1 * sx + tx;
    arcBoxes[a * 4 + 3] = y1 * sy + ty;
  }
  const boxOf = (arcs: unknown): Box => {
    const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (list: unknown) => {
      if (!Array.isArray(list)) return;
      if (typeof list[0] !== 'number') {
        for (let i = 0; i < list.length; i++) visit(list[i]);
        return;
      }
      for (let i = 0; i < list.length; i++) {
        const n = list[i] as number;
        const at = (n < 0 ? ~n : n) * 4;
        if (arcBoxes[at] < b[0]) b[0] = arcBoxes[at];
        if (arcBoxes[at + 1] < b[1]) b[1] = arcBoxes[at + 1];
        if (arcBoxes[at + 2] > b[2]) b[2] = arcBoxes[at + 2];
        if (arcBoxes[at + 3] > b[3]) b[3] = arcBoxes[at + 3];
      }
    };
    visit(arcs);
    return b;
  };
  const of = (collection: GeometryCollection<Named>) => collection.geometries.map((g) => boxOf((g as { arcs?: unknown }).arcs));
  shapeBoxes = { counties: of(atlas.objects.counties), states: of(atlas.objects.states) };
  return shapeBoxes;
}

/** "New Haven County"; Louisiana has parishes, and Alaska's names already say borough or area. */
function countyName(name: string, fips: string): string {
  if (fips.startsWith('02')) return name;
  return `${name} ${fips.startsWith('22') ? 'Parish' : 'County'}`;
}

export interface Basemap {
  /** Counties (or states) in view, filled as land; water stays the background. */
  land: string;
  countyLines: string;
  stateLines: string;
  /** County (or state) names where enough of it is in view to hold one. */
  labels: { name: string; x: number; y: number }[];
}

/** The last basemap drawn: opening the map again over the same schools draws the same one. */
let last: { key: string; basemap: Basemap } | null = null;

/** The basemap's paths in the projection's coordinates, clipped to [0, 0]–[width, height]. */
export function drawBasemap(projection: GeoProjection, width: number, height: number): Basemap {
  const key = JSON.stringify([projection.scale(), projection.translate(), projection.center(), projection.rotate(), width, height]);
  if (last?.key !== key) last = { key, basemap: projectBasemap(projection, width, height) };
  return last.basemap;
}

function projectBasemap(projection: GeoProjection, width: number, height: number): Basemap {
  const path = geoPath(projection);
  const corners = [projection.invert!([0, 0]), projection.invert!([width, height])];
  const [west, north] = corners[0]!;
  const [east, south] = corners[1]!;
  const all = boxes();
  const meets = (b: Box) => b[0] <= east && b[2] >= west && b[1] <= north && b[3] >= south;
  const inView = (collection: GeometryCollection<Named>, bounds: Box[]): GeometryCollection<Named> => ({
    type: 'GeometryCollection',
    geometries: collection.geometries.filter((_, i) => meets(bounds[i]))
  });
  const counties = inView(atlas.objects.counties, all.counties);
  const wide = counties.geometries.length > MAX_COUNTIES;
  const shapes = wide ? inView(atlas.objects.states, all.states) : counties;
  const stateOf = (g: GeometryObject) => String(g.id ?? '').slice(0, 2);

  const land = feature(atlas, shapes);
  const labels: Basemap['labels'] = [];
  const minArea = width * height * (wide ? 0.02 : 0.04);
  for (const shape of land.features) {
    if (path.area(shape) < minArea) continue;
    const [x, y] = path.centroid(shape);
    const name = wide ? shape.properties.name : countyName(shape.properties.name, String(shape.id ?? ''));
    if (Number.isFinite(x) && Number.isFinite(y)) labels.push({ name, x, y });
  }
  return {
    land: path(land) ?? '',
    countyLines: wide ? '' : (path(mesh(atlas, shapes, (a, b) => a !== b)) ?? ''),
    stateLines: wide
      ? (path(mesh(atlas, shapes, (a, b) => a !== b)) ?? '')
      : (path(mesh(atlas, shapes, (a, b) => a !== b && stateOf(a) !== stateOf(b))) ?? ''),
    labels
  };
}
