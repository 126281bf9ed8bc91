/**
 * The map's drawing, in d3 and outside Svelte: one data join keyed by school id draws the marks,
 * and a recolour only sets attributes on the marks already there, so 10,000 schools stay quick.
 * Events are delegated to the map's frame; nothing is bound per mark.
 */
import { geoMercator, geoPath, select, zoom, zoomIdentity, type GeoProjection, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { drawBasemap } from './basemap';
import { fitArea, nearestInDirection, readingOrder, type Direction, type PlacedSchool } from './geo';
import { maxRadius, radiusScale, ringArc, zoomedRadius } from './marks';

/** The map's own coordinate space (its viewBox) is this wide; the page scales it to fit. */
export const MAP_WIDTH = 960;
/** Its height follows the district's shape, between these. */
const MIN_HEIGHT = 480;
const MAX_HEIGHT = 720;
const PADDING = 24;
const MAX_ZOOM = 40;

export interface MarkDatum {
  id: string;
  x: number;
  y: number;
  name: string;
  /** Radius at zoom 1. */
  r: number;
  /** What the mark shows now, so a recolour writes only what changes. */
  fill: string | null;
  /** Capacity as a share of need, for the ring; null where no need is counted. */
  share: number | null;
}

export interface MapEvents {
  /** A school is pointed at or focused: show its tooltip beside `anchor` (client coordinates). */
  show(id: string, anchor: DOMRect, by: 'pointer' | 'focus'): void;
  /** Hide the tooltip `by` showed, for school `id` (any school when absent). */
  hide(by: 'pointer' | 'focus' | 'escape', id?: string): void;
  open(id: string, newTab: boolean): void;
}

export interface Overlay {
  features: Feature<Geometry>[];
  fill: (feature: Feature<Geometry>) => string | null;
  title: (feature: Feature<Geometry>) => string;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

const KEY_DIRECTIONS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export class SchoolMap {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly view: Selection<SVGGElement, unknown, SVGSVGElement, unknown>;
  private readonly land: Selection<SVGPathElement, unknown, null, undefined>;
  private readonly countyLines: Selection<SVGPathElement, unknown, null, undefined>;
  private readonly stateLines: Selection<SVGPathElement, unknown, null, undefined>;
  private readonly overlay: G;
  private readonly marks: G;
  private readonly rings: Selection<SVGPathElement, unknown, null, undefined>;
  private readonly focusRing: Selection<SVGCircleElement, unknown, null, undefined>;
  private readonly labels: G;
  private readonly behavior: ZoomBehavior<SVGSVGElement, unknown>;
  private projection: GeoProjection | null = null;
  private data: MarkDatum[] = [];
  private byId = new Map<string, MarkDatum>();
  private order: string[] = [];
  /** Each school's place among the marks' elements, which follow `data`. */
  private index = new Map<string, number>();
  /** The one mark Tab stops at (a roving tab stop); arrows move it. */
  private current: string | null = null;
  private focused: string | null = null;
  private transform: ZoomTransform = zoomIdentity;
  private height = 600;
  private frame = 0;
  private overlayData: Overlay | null = null;
  private labelData: { name: string; x: number; y: number }[] = [];
  private unlisten: (() => void)[] = [];

  constructor(
    element: SVGSVGElement,
    private readonly events: MapEvents,
    /** The tooltip element's id, which describes the focused mark. */
    private readonly tooltipId: string
  ) {
    this.svg = select(element);
    this.svg.style('--k', 1);
    this.setHeight(600);
    // Two zoomed layers with the county names between them, so names sit under the schools
    // yet keep their size as the map zooms.
    const ground = this.svg.append('g').attr('class', 'view').attr('aria-hidden', 'true');
    this.land = ground.append('path').attr('class', 'land');
    this.countyLines = ground.append('path').attr('class', 'county-lines');
    this.stateLines = ground.append('path').attr('class', 'state-lines');
    this.overlay = ground.append('g').attr('class', 'overlay');
    this.labels = this.svg.append('g').attr('class', 'labels').attr('aria-hidden', 'true');
    const top = this.svg.append('g').attr('class', 'view');
    this.marks = top.append('g').attr('class', 'marks').attr('role', 'group').attr('aria-label', 'Schools on the map');
    // Every ring is one path: decorative, so it needs no element per school, which halves the DOM.
    this.rings = top.append('path').attr('class', 'rings').attr('aria-hidden', 'true');
    this.focusRing = top.append('circle').attr('class', 'focus-ring').attr('display', 'none').attr('aria-hidden', 'true');
    this.view = this.svg.selectAll<SVGGElement, unknown>('g.view');

    this.behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, MAX_ZOOM])
      .extent(() => this.extent())
      .translateExtent(this.extent())
      .on('zoom', (event: { transform: ZoomTransform }) => this.zoomed(event.transform));
    this.svg.call(this.behavior).on('dblclick.zoom', null);
    this.listen();
  }

  /** Fits the projection to the schools (and a loaded boundary file), draws the basemap once, and joins the marks. */
  setPlaces(placed: PlacedSchool[], boundaries: Feature<Geometry>[] = []): void {
    const points = placed.map((p): [number, number] => [p.longitude, p.latitude]);
    const area: FeatureCollection = { type: 'FeatureCollection', features: [fitArea(points), ...boundaries] };
    const fitted = points.length || boundaries.length ? area : fitArea([]);
    // Fit to the width first; the view is then as tall as the district needs, within limits.
    const [[x0, y0], [x1, y1]] = geoPath(geoMercator().fitWidth(MAP_WIDTH - 2 * PADDING, fitted)).bounds(fitted);
    const wide = x1 - x0 || 1;
    this.setHeight(Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, ((y1 - y0) / wide) * (MAP_WIDTH - 2 * PADDING) + 2 * PADDING))));
    const projection = geoMercator().fitExtent(
      [
        [PADDING, PADDING],
        [MAP_WIDTH - PADDING, this.height - PADDING]
      ],
      fitted
    );
    projection.clipExtent(this.extent());
    this.projection = projection;

    const basemap = drawBasemap(projection, MAP_WIDTH, this.height);
    this.land.attr('d', basemap.land);
    this.countyLines.attr('d', basemap.countyLines);
    this.stateLines.attr('d', basemap.stateLines);
    this.labelData = basemap.labels;

    const radius = radiusScale(Math.max(0, ...placed.map((p) => p.enrollment)), placed.length);
    // Rings thin out with the marks when many schools share the view.
    this.svg.style('--ring', `${Math.min(2.5, Math.max(1, maxRadius(placed.length) * 0.18)).toFixed(2)}px`);
    const byId = new Map<string, MarkDatum>();
    // Hundredths of a unit are finer than any screen shows, and shorter to write into the DOM.
    const round = (n: number) => Math.round(n * 100) / 100;
    for (const p of placed) {
      const [x, y] = projection([p.longitude, p.latitude])!;
      const known = this.byId.get(p.school_id);
      byId.set(p.school_id, { id: p.school_id, name: p.school_name, x: round(x), y: round(y), r: round(radius(p.enrollment)), fill: known?.fill ?? null, share: known?.share ?? null });
    }
    this.byId = byId;
    this.order = readingOrder(
      [...byId.values()].map((d) => [d.id, [d.x, d.y]]),
      Math.max(24, this.height / 12)
    );
    // DOM order is reading order, so Tab, screen readers and the arrow keys agree.
    this.data = this.order.map((id) => byId.get(id)!);
    this.index = new Map(this.order.map((id, i) => [id, i]));
    if (!this.current || !byId.has(this.current)) this.current = this.order[0] ?? null;

    // One tab stop for the whole map (a roving tabindex): 10,000 stops would trap keyboard users.
    const current = this.current;
    const k = this.transform.k;
    // One pass per layer, every attribute set in it: for 10,000 schools a pass per attribute costs.
    this.marks
      .selectAll<SVGCircleElement, MarkDatum>('circle')
      .data(this.data, (d) => d.id)
      .join((enter) =>
        enter.append('circle').each(function (d) {
          this.setAttribute('role', 'link');
          this.setAttribute('data-school-id', d.id);
        })
      )
      .each(function (d) {
        const r = String(zoomedRadius(d.r, k));
        this.setAttribute('aria-label', d.name);
        this.setAttribute('cx', String(d.x));
        this.setAttribute('cy', String(d.y));
        this.setAttribute('r', r);
        if (d.id === current) this.setAttribute('tabindex', '0');
        else this.removeAttribute('tabindex');
        if (d.fill) this.setAttribute('fill', d.fill);
      })
      .order();
    this.drawRings();

    if (this.overlayData) this.drawOverlay();
    if (k !== 1 || this.transform.x !== 0 || this.transform.y !== 0) this.svg.call(this.behavior.transform, zoomIdentity);
    else this.zoomed(zoomIdentity);
  }

  /**
   * Recolours in place: the fill of each mark and the share of its ring. No element is added or
   * removed, and an attribute is written only where its value changes.
   */
  recolour(fill: (id: string) => string, share: (id: string) => number | null): void {
    const marks = this.marks.node()!.children;
    let ringsChanged = false;
    for (let i = 0; i < this.data.length; i++) {
      const d = this.data[i];
      const f = fill(d.id);
      const s = share(d.id);
      if (f !== d.fill) marks[i].setAttribute('fill', (d.fill = f));
      if (s !== d.share) {
        d.share = s;
        ringsChanged = true;
      }
    }
    if (ringsChanged) this.drawRings();
  }

  private drawRings() {
    const k = this.transform.k;
    let d = '';
    for (const m of this.data) if (m.share) d += ringArc(m.x, m.y, zoomedRadius(m.r, k), m.share);
    this.rings.attr('d', d);
  }

  /** The user's own boundaries, under the marks: a choropleth where `fill` gives colours, else outlines. */
  setOverlay(overlay: Overlay | null): void {
    this.overlayData = overlay;
    this.drawOverlay();
  }

  private drawOverlay() {
    const overlay = this.overlayData;
    const path = this.projection ? geoPath(this.projection) : null;
    const shapes = overlay && path ? overlay.features.map((f) => ({ f, d: path(f) })).filter((s) => s.d) : [];
    this.overlay
      .selectAll<SVGPathElement, { f: Feature<Geometry>; d: string | null }>('path')
      .data(shapes)
      .join((enter) => enter.append('path').call((p) => p.append('title')))
      .attr('d', (s) => s.d)
      .attr('class', (s) => (s.f.geometry.type.includes('Line') ? 'line' : 'zone'))
      .attr('fill', (s) => (s.f.geometry.type.includes('Line') ? 'none' : (overlay!.fill(s.f) ?? 'none')))
      .select('title')
      .text((s) => overlay!.title(s.f));
  }

  zoomBy(factor: number): void {
    this.svg.call(this.behavior.scaleBy, factor);
  }

  resetZoom(): void {
    this.svg.call(this.behavior.transform, zoomIdentity);
  }

  /** Moves focus to a school's mark, panning to it if it is out of view. */
  focusMark(id: string): void {
    const d = this.byId.get(id);
    if (!d) return;
    const [sx, sy] = this.transform.apply([d.x, d.y]);
    if (sx < 0 || sx > MAP_WIDTH || sy < 0 || sy > this.height) this.svg.call(this.behavior.translateTo, d.x, d.y);
    this.setCurrent(id);
    this.node(id)?.focus();
  }

  private extent(): [[number, number], [number, number]] {
    return [
      [0, 0],
      [MAP_WIDTH, this.height]
    ];
  }

  private setHeight(height: number) {
    this.height = height;
    this.svg.attr('viewBox', `0 0 ${MAP_WIDTH} ${height}`).style('aspect-ratio', `${MAP_WIDTH} / ${height}`);
    this.behavior?.translateExtent(this.extent());
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.svg.on('.zoom', null);
    this.unlisten.forEach((off) => off());
    this.svg.selectAll('*').remove();
  }

  private node(id: string): SVGCircleElement | null {
    const at = this.index.get(id);
    return at === undefined ? null : (this.marks.node()!.children[at] as SVGCircleElement);
  }

  private zoomed(transform: ZoomTransform) {
    this.transform = transform;
    this.view.attr('transform', transform.toString());
    // Strokes read --k to keep their width on screen as the map scales.
    this.svg.style('--k', transform.k);
    this.labels
      .selectAll<SVGTextElement, { name: string; x: number; y: number }>('text')
      .data(this.labelData, (l) => l.name)
      .join('text')
      .attr('x', (l) => transform.applyX(l.x))
      .attr('y', (l) => transform.applyY(l.y))
      .text((l) => l.name);
    // Radii change on every zoom event; one update per frame is enough.
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.resize());
    this.events.hide('pointer');
  }

  private resize() {
    const k = this.transform.k;
    const marks = this.marks.node()!.children;
    for (let i = 0; i < this.data.length; i++) marks[i].setAttribute('r', String(zoomedRadius(this.data[i].r, k)));
    this.drawRings();
    this.placeFocusRing();
    // A focused school's tooltip follows it as the map moves.
    const node = this.focused ? this.node(this.focused) : null;
    if (node) this.events.show(this.focused!, node.getBoundingClientRect(), 'focus');
  }

  private placeFocusRing() {
    const d = this.focused ? this.byId.get(this.focused) : undefined;
    if (!d) {
      this.focusRing.attr('display', 'none');
      return;
    }
    const r = zoomedRadius(d.r, this.transform.k) + 4 / this.transform.k;
    this.focusRing.attr('display', null).attr('cx', d.x).attr('cy', d.y).attr('r', r);
  }

  /** Moves the map's one tab stop to a school. */
  private setCurrent(id: string) {
    if (this.current === id) return;
    if (this.current) this.node(this.current)?.removeAttribute('tabindex');
    this.current = id;
    this.node(id)?.setAttribute('tabindex', '0');
  }

  private listen() {
    // On the HTML frame, not on an SVG group: Chromium makes an SVG element with focus
    // listeners a Tab stop of its own.
    const host = (this.svg.node()!.parentElement ?? this.svg.node()!) as HTMLElement;
    const idOf = (event: Event) => (event.target as Element | null)?.closest?.('.marks > circle')?.getAttribute('data-school-id') ?? null;
    const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void) => {
      host.addEventListener(type, handler);
      this.unlisten.push(() => host.removeEventListener(type, handler));
    };
    on('pointerover', (event) => {
      const id = idOf(event);
      if (id) this.events.show(id, (event.target as Element).getBoundingClientRect(), 'pointer');
    });
    on('pointerout', (event) => {
      const id = idOf(event);
      if (id) this.events.hide('pointer', id);
    });
    on('click', (event) => {
      const id = idOf(event);
      if (id) this.events.open(id, event.ctrlKey || event.metaKey);
    });
    on('focusin', (event) => {
      const id = idOf(event);
      if (!id) return;
      this.setCurrent(id);
      this.focused = id;
      // The figures are read from the tooltip, so a recolour need not rewrite 10,000 labels.
      (event.target as Element).setAttribute('aria-describedby', this.tooltipId);
      this.placeFocusRing();
      this.events.show(id, (event.target as Element).getBoundingClientRect(), 'focus');
    });
    on('focusout', (event) => {
      const id = idOf(event);
      if (!id) return;
      this.focused = null;
      (event.target as Element).removeAttribute('aria-describedby');
      this.placeFocusRing();
      this.events.hide('focus', id);
    });
    on('keydown', (event) => {
      const id = idOf(event);
      if (!id) return;
      const d = this.byId.get(id)!;
      let next: string | null = null;
      if (event.key === 'Enter') {
        event.preventDefault();
        this.events.open(id, event.ctrlKey || event.metaKey);
      } else if (event.key === 'Escape') {
        this.events.hide('escape');
      } else if (event.key in KEY_DIRECTIONS) {
        next = nearestInDirection(
          [d.x, d.y],
          this.data.map((m) => [m.id, [m.x, m.y]]),
          KEY_DIRECTIONS[event.key]
        );
      } else if (event.key === 'Home') next = this.order[0] ?? null;
      else if (event.key === 'End') next = this.order.at(-1) ?? null;
      else if (event.key === '+' || event.key === '=') this.zoomBy(1.5);
      else if (event.key === '-' || event.key === '_') this.zoomBy(1 / 1.5);
      else return;
      if (event.key !== 'Enter' && event.key !== 'Escape') event.preventDefault();
      if (next) this.focusMark(next);
    });
  }
}
