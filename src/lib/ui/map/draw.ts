/**
 * The map's drawing, in d3 and outside Svelte. A district's marks are SVG circles: one data join
 * keyed by school id draws them, and a recolour only sets attributes on the marks already there.
 * Above `CANVAS_ABOVE` schools (a state), the marks are painted on a canvas over the SVG basemap
 * instead (canvas.ts): the whole map is then one Tab stop whose arrow keys move a current school,
 * and the pointer finds its school through a quadtree. Events are delegated to the map's frame;
 * nothing is bound per mark.
 */
import { geoMercator, geoPath, select, zoom, zoomIdentity, type GeoProjection, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { drawBasemap } from './basemap';
import { MarkCanvas, MarkIndex } from './canvas';
import { fitArea, nearestInDirection, readingOrder, type Direction, type PlacedSchool } from './geo';
import { maxRadius, radiusScale, ringArc, zoomedRadius } from './marks';

/** The map's own coordinate space (its viewBox) is this wide; the page scales it to fit. */
export const MAP_WIDTH = 960;
/** Its height follows the district's shape, between these. */
const MIN_HEIGHT = 480;
const MAX_HEIGHT = 720;
const PADDING = 24;
const MAX_ZOOM = 40;

/**
 * Above this many schools the marks are painted on a canvas: SVG circles cost too much to draw
 * and recolour at that scale, and 127 schools (the sample) keep an element, a name and a Tab
 * stop each.
 */
export const CANVAS_ABOVE = 1500;
export const paintsOnCanvas = (schools: number): boolean => schools > CANVAS_ABOVE;
/** On the canvas, a mark smaller than this (in the map's units, about CSS pixels) is still hit within it. */
const MIN_HIT = 4;

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
  /**
   * On the canvas, the school the keyboard is on (null when the map loses focus): it has no
   * element of its own, so the page names it in a live region.
   */
  current?(id: string | null): void;
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
  /** The marks are on `painter`'s canvas rather than SVG circles. */
  private onCanvas = false;
  private readonly painter: MarkCanvas;
  /** Built on the first pointer move over a canvas map, not on the first draw. */
  private hits: MarkIndex | null = null;
  private hovered: string | null = null;
  /** Width of the marks' edges and rings in the map's units. */
  private ring = 2.5;
  /** The canvas's size in device pixels as the page last laid it out, from a ResizeObserver. */
  private deviceSize: [number, number] | null = null;
  /** Device pixels per CSS pixel to paint at; more while printing. */
  private printRatio: number | null = null;
  private painted = 0;
  /**
   * Set while a canvas map's new schools wait for their figures: the recolour that brings them
   * paints, rather than a frame painting every mark grey just before. Should none come (a failed
   * query), the marks are painted grey after a second.
   */
  private waiting: ReturnType<typeof setTimeout> | null = null;

  constructor(
    element: SVGSVGElement,
    canvas: HTMLCanvasElement,
    private readonly events: MapEvents,
    /** The tooltip element's id, which describes the focused mark. */
    private readonly tooltipId: string
  ) {
    this.painter = new MarkCanvas(canvas);
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
    this.ring = Number(Math.min(2.5, Math.max(1, maxRadius(placed.length) * 0.18)).toFixed(2));
    this.svg.style('--ring', `${this.ring}px`);
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
    if (this.focused && !byId.has(this.focused)) this.focused = null;
    this.hovered = null;
    this.hits = null;

    const onCanvas = paintsOnCanvas(this.data.length);
    if (onCanvas !== this.onCanvas) {
      // A new district on the other kind of marks: nothing focused carries over.
      this.focused = null;
      this.svg.node()!.removeAttribute('aria-describedby');
    }
    this.onCanvas = onCanvas;
    this.svg.attr('data-marks', this.onCanvas ? 'canvas' : 'svg');
    if (this.onCanvas) this.placeOnCanvas();
    else this.placeCircles();

    if (this.overlayData) this.drawOverlay();
    const k = this.transform.k;
    if (k !== 1 || this.transform.x !== 0 || this.transform.y !== 0) this.svg.call(this.behavior.transform, zoomIdentity);
    else this.zoomed(zoomIdentity);
  }

  /** The marks as circles, one element per school. */
  private placeCircles() {
    this.stopWaiting();
    this.painter.clear();
    this.marks.attr('role', 'group').attr('aria-label', 'Schools on the map');
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
    this.svg.attr('data-mark-count', this.data.length);
  }

  /** The marks on the canvas: no element per school, and the map itself is the one Tab stop. */
  private placeOnCanvas() {
    this.marks.attr('role', null).attr('aria-label', null).selectAll('circle').remove();
    this.rings.attr('d', null);
    this.focusRing.attr('display', 'none');
    this.stopWaiting();
    if (this.data.some((d) => d.fill === null)) {
      this.waiting = setTimeout(() => {
        this.waiting = null;
        this.paint();
      }, 1000);
    } else this.requestFrame();
  }

  private stopWaiting() {
    if (this.waiting !== null) clearTimeout(this.waiting);
    this.waiting = null;
  }

  /**
   * Recolours in place: the fill of each mark and the share of its ring. No element is added or
   * removed, and an attribute is written only where its value changes.
   */
  recolour(fill: (id: string) => string, share: (id: string) => number | null): void {
    if (this.onCanvas) {
      let changed = false;
      for (const d of this.data) {
        const f = fill(d.id);
        const s = share(d.id);
        if (f !== d.fill || s !== d.share) {
          d.fill = f;
          d.share = s;
          changed = true;
        }
      }
      // Painted now, so the time the map keeps for a recolour includes its painting.
      if (changed || this.frame || this.waiting !== null) this.paint();
      return;
    }
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
    if (this.onCanvas) return;
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

  /** Moves focus to a school's mark (on a canvas, makes it the current school), panning to it if it is out of view. */
  focusMark(id: string): void {
    const d = this.byId.get(id);
    if (!d) return;
    const [sx, sy] = this.transform.apply([d.x, d.y]);
    if (sx < 0 || sx > MAP_WIDTH || sy < 0 || sy > this.height) this.svg.call(this.behavior.translateTo, d.x, d.y);
    this.setCurrent(id);
    if (!this.onCanvas) {
      this.node(id)?.focus();
      return;
    }
    const svg = this.svg.node()!;
    if (document.activeElement !== svg) svg.focus();
    this.activate();
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
    this.frame = 0;
    this.stopWaiting();
    this.painter.clear();
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
    this.requestFrame();
    this.hovered = null;
    this.events.hide('pointer');
  }

  private requestFrame() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.onCanvas) this.resize();
      else if (this.waiting === null) this.paint();
    });
  }

  /** Paints the canvas now, for the transform, size and focus of the moment. */
  private paint() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.stopWaiting();
    if (!this.onCanvas) return;
    const svg = this.svg.node()!;
    let size = this.printRatio ? null : this.deviceSize;
    // The size last observed, without asking the page for a layout; unless the map has changed
    // height since (a new district) or is printing: then the box's edges, snapped to device
    // pixels as the page snaps them.
    if (!size || Math.abs(size[1] - (size[0] * this.height) / MAP_WIDTH) > 1) {
      const box = svg.getBoundingClientRect();
      const ratio = this.printRatio ?? window.devicePixelRatio ?? 1;
      size = [Math.round(box.right * ratio) - Math.round(box.left * ratio), Math.round(box.bottom * ratio) - Math.round(box.top * ratio)];
    }
    const focus = this.focused ? (this.byId.get(this.focused) ?? null) : null;
    const focusColour = focus ? getComputedStyle(svg).getPropertyValue('--focus').trim() || '#0a58ca' : '';
    this.painted = this.painter.paint(this.data, {
      transform: this.transform,
      mapWidth: MAP_WIDTH,
      mapHeight: this.height,
      width: size[0],
      height: size[1],
      ring: this.ring,
      focus,
      focusColour
    });
    this.svg.attr('data-mark-count', this.painted);
    // A focused school's tooltip follows it as the map moves.
    if (focus) this.events.show(focus.id, this.anchorOf(focus), 'focus');
  }

  /** Where a mark is on the page (client coordinates), for its tooltip. */
  private anchorOf(d: MarkDatum): DOMRect {
    const box = this.svg.node()!.getBoundingClientRect();
    const unit = box.width / MAP_WIDTH;
    const [x, y] = this.transform.apply([d.x, d.y]);
    const r = zoomedRadius(d.r, this.transform.k) * this.transform.k * unit;
    return new DOMRect(box.left + x * unit - r, box.top + y * unit - r, 2 * r, 2 * r);
  }

  /** The school under a pointer on the canvas, if any. */
  private markAtPointer(event: MouseEvent): MarkDatum | null {
    const box = this.svg.node()!.getBoundingClientRect();
    if (!box.width) return null;
    const unit = box.width / MAP_WIDTH;
    const [x, y] = this.transform.invert([(event.clientX - box.left) / unit, (event.clientY - box.top) / unit]);
    this.hits ??= new MarkIndex(this.data);
    const at = this.hits.find(x, y, this.transform.k, this.ring, MIN_HIT);
    return at < 0 ? null : this.data[at];
  }

  /**
   * The keyboard is on the canvas map: its current school is circled, its tooltip shown and its
   * name given to the live region.
   */
  private activate() {
    const id = this.current;
    if (!id) return;
    const svg = this.svg.node()!;
    svg.setAttribute('aria-describedby', this.tooltipId);
    this.focused = id;
    this.events.current?.(id);
    this.requestFrame();
    const d = this.byId.get(id);
    if (d) this.events.show(id, this.anchorOf(d), 'focus');
  }

  private deactivate() {
    if (!this.focused) return;
    this.svg.node()!.removeAttribute('aria-describedby');
    const id = this.focused;
    this.focused = null;
    this.events.current?.(null);
    this.requestFrame();
    this.events.hide('focus', id);
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
    if (this.onCanvas) {
      this.current = id;
      return;
    }
    if (this.current) this.node(this.current)?.removeAttribute('tabindex');
    this.current = id;
    this.node(id)?.setAttribute('tabindex', '0');
  }

  private listen() {
    // On the HTML frame, not on an SVG group: Chromium makes an SVG element with focus
    // listeners a Tab stop of its own.
    const svg = this.svg.node()!;
    const host = (svg.parentElement ?? svg) as HTMLElement;
    const circleOf = (event: Event) => (event.target as Element | null)?.closest?.('.marks > circle')?.getAttribute('data-school-id') ?? null;
    // On a canvas map the map itself has focus, and the current school is the one the keys act on.
    const canvasTarget = (event: Event) => this.onCanvas && event.target === svg;
    const idOf = (event: Event) => (canvasTarget(event) ? this.current : circleOf(event));
    const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (event: HTMLElementEventMap[K]) => void) => {
      host.addEventListener(type, handler);
      this.unlisten.push(() => host.removeEventListener(type, handler));
    };
    on('pointerover', (event) => {
      const id = circleOf(event);
      if (id) this.events.show(id, (event.target as Element).getBoundingClientRect(), 'pointer');
    });
    on('pointerout', (event) => {
      const id = circleOf(event);
      if (id) this.events.hide('pointer', id);
    });
    // The canvas takes no pointer events; the SVG under it has them, and the quadtree says which mark is there.
    const hover = (d: MarkDatum | null) => {
      const id = d?.id ?? null;
      if (id === this.hovered) return;
      if (this.hovered) this.events.hide('pointer', this.hovered);
      this.hovered = id;
      svg.style.cursor = id ? 'pointer' : '';
      if (d) this.events.show(d.id, this.anchorOf(d), 'pointer');
    };
    on('pointermove', (event) => {
      if (!this.onCanvas) return;
      // While dragging, the map pans under the pointer: no tooltips then.
      if (event.buttons || !svg.contains(event.target as Node)) hover(null);
      else hover(this.markAtPointer(event));
    });
    on('pointerleave', () => {
      if (this.onCanvas) hover(null);
    });
    on('click', (event) => {
      if (this.onCanvas) {
        const d = svg.contains(event.target as Node) ? this.markAtPointer(event) : null;
        if (d) this.events.open(d.id, event.ctrlKey || event.metaKey);
        return;
      }
      const id = circleOf(event);
      if (id) this.events.open(id, event.ctrlKey || event.metaKey);
    });
    on('focusin', (event) => {
      if (canvasTarget(event)) {
        // Focus from a click (to pan, say) circles nothing; from the keyboard it shows the current school.
        if (svg.matches(':focus-visible')) this.activate();
        return;
      }
      const id = circleOf(event);
      if (!id) return;
      this.setCurrent(id);
      this.focused = id;
      // The figures are read from the tooltip, so a recolour need not rewrite 10,000 labels.
      (event.target as Element).setAttribute('aria-describedby', this.tooltipId);
      this.placeFocusRing();
      this.events.show(id, (event.target as Element).getBoundingClientRect(), 'focus');
    });
    on('focusout', (event) => {
      if (canvasTarget(event)) {
        this.deactivate();
        return;
      }
      const id = circleOf(event);
      if (!id) return;
      this.focused = null;
      (event.target as Element).removeAttribute('aria-describedby');
      this.placeFocusRing();
      this.events.hide('focus', id);
    });
    on('keydown', (event) => {
      const id = idOf(event);
      if (!id) return;
      if (canvasTarget(event) && !this.focused && (event.key in KEY_DIRECTIONS || ['Enter', 'Home', 'End'].includes(event.key))) {
        // Focused by a click, then a key: the first key shows the current school (Enter opens
        // nothing unseen); from then on the keyboard is on the map.
        event.preventDefault();
        this.activate();
        return;
      }
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

    // The canvas follows its size on the page in device pixels, and paints finer for print.
    const canvas = this.painter.canvas;
    const resized = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const ratio = window.devicePixelRatio || 1;
      const { width, height } = entry.contentRect;
      const device = entry.devicePixelContentBoxSize?.[0];
      let size: [number, number] = [Math.round(width * ratio), Math.round(height * ratio)];
      if (device) {
        // The box in device pixels, as the browser snaps it. Where the screen's scale is emulated
        // (a headless browser told the ratio), it comes in CSS pixels, and the scale follows.
        const emulated = Math.abs(device.inlineSize - width * ratio) > 1;
        size = emulated ? [Math.round(device.inlineSize * ratio), Math.round(device.blockSize * ratio)] : [device.inlineSize, device.blockSize];
      }
      if (!size[0] || !size[1]) {
        this.deviceSize = null;
        return;
      }
      if (this.deviceSize?.[0] === size[0] && this.deviceSize[1] === size[1]) return;
      this.deviceSize = size;
      if (this.onCanvas && (canvas.width !== size[0] || canvas.height !== size[1])) this.paint();
    });
    try {
      resized.observe(canvas, { box: 'device-pixel-content-box' });
    } catch {
      resized.observe(canvas);
    }
    this.unlisten.push(() => resized.disconnect());
    const print = (ratio: number | null) => () => {
      this.printRatio = ratio;
      if (this.onCanvas) this.paint();
    };
    const before = print(Math.max(3, window.devicePixelRatio || 1));
    const after = print(null);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    this.unlisten.push(() => window.removeEventListener('beforeprint', before));
    this.unlisten.push(() => window.removeEventListener('afterprint', after));
  }
}
