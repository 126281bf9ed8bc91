/**
 * The map's data as class instances: Svelte's $state wraps plain arrays and objects in deep
 * proxies, which for 10,000 schools costs more than the drawing. An instance stays as it is.
 */
import type { Database } from '$lib/core/session/session';
import { mapFigures, type MapChoice, type MapFigure, type MapPlace } from '$lib/core/model/map';
import { splitPlaces, type PlacedSchool } from './geo';

export class PlaceSet {
  readonly placed: PlacedSchool[];
  readonly unplaced: MapPlace[];
  readonly byId: Map<string, MapPlace>;
  private placedIds: Set<string> | null = null;
  constructor(readonly all: MapPlace[]) {
    ({ placed: this.placed, unplaced: this.unplaced } = splitPlaces(all));
    this.byId = new Map(all.map((p) => [p.school_id, p]));
  }

  /** Whether the school is on the map (has both coordinates). */
  isPlaced(id: string): boolean {
    this.placedIds ??= new Set(this.placed.map((p) => p.school_id));
    return this.placedIds.has(id);
  }
}

export class FigureSet {
  readonly byId: Map<string, MapFigure>;
  constructor(readonly rows: MapFigure[]) {
    this.byId = new Map(rows.map((r) => [r.school_id, r]));
  }
}

/**
 * One choice's figures for all three tiers, split by tier once: switching tiers then recolours
 * from memory, without asking the database again.
 */
export class ChoiceFigures {
  private readonly tiers = new Map<number, FigureSet>();
  constructor(rows: MapFigure[]) {
    const byTier = new Map<number, MapFigure[]>();
    for (const row of rows) {
      let list = byTier.get(row.tier);
      if (!list) byTier.set(row.tier, (list = []));
      list.push(row);
    }
    for (const [tier, list] of byTier) this.tiers.set(tier, new FigureSet(list));
  }

  tier(tier: number): FigureSet {
    let set = this.tiers.get(tier);
    if (!set) this.tiers.set(tier, (set = new FigureSet([])));
    return set;
  }
}

/** Resolves when the page is next idle (soon after the map is painted), or after `timeout` ms at most. */
function idle(timeout: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

/**
 * Where the map's figures come from. The first time a choice is asked for, the tier on screen
 * comes alone (a third of the work, so the map draws sooner), and every tier follows behind it
 * once the page is idle (so the database and the decoding of its answer do not compete with the
 * first draw); from then on a new tier is answered from memory, so switching tiers never waits
 * on the database.
 */
export class FigureLoader {
  private key = '';
  private all: Promise<ChoiceFigures> | null = null;
  private ready: ChoiceFigures | null = null;

  load(db: Database, revision: number, choice: Omit<MapChoice, 'tier'>, tier: number): Promise<FigureSet> {
    const key = JSON.stringify([revision, choice.service ?? null, choice.providerType ?? null]);
    if (key !== this.key) {
      this.key = key;
      this.all = null;
      this.ready = null;
    }
    if (this.ready) return Promise.resolve(this.ready.tier(tier));
    if (this.all) return this.all.then((figures) => figures.tier(tier));
    const first = mapFigures(db, { ...choice, tier }).then((rows) => new FigureSet(rows));
    this.all = first
      .then(() => idle(1000))
      .then(() => mapFigures(db, choice))
      .then((rows) => {
        const figures = new ChoiceFigures(rows);
        if (this.key === key) this.ready = figures;
        return figures;
      });
    // A failure behind the first answer is met again, and reported, on the next ask.
    this.all.catch(() => {
      if (this.key === key) this.all = null;
    });
    return first;
  }
}
