/**
 * Survey results for the app's views and the reports: by school, by language of response, per
 * wave and the change between two waves, and against the gap model's coverage. Every figure
 * goes through suppression.ts first: a withheld cell carries no figure at all, so nothing that
 * renders these objects can show one. Scoring is the contract's (see survey_summary.sql).
 */
import { MAX_SCALE_POINTS } from './scales';
import { sqlString, type Engine } from '../engine/engine';
import resultsSql from './results.sql?raw';
import { effectiveThreshold, suppressGroup, withheldFor, type Part, type WithheldReason } from './suppression';

export type { WithheldReason } from './suppression';

export interface ShownCell {
  shown: true;
  /** Respondents who answered at least one item of the construct. */
  n: number;
  /** 100 × favorable answers (for agree5, 4 or 5) / all non-missing answers. */
  pct_favorable: number;
  mean: number;
  /** Share of answers at each point of the construct's scale, lowest value first (0–1, summing to 1). */
  shares: number[];
}

export interface WithheldCell {
  shown: false;
  withheld: WithheldReason;
}

export type ResultCell = ShownCell | WithheldCell;

export interface ResultRow {
  /** A school id, or a language group (en, es, other, unknown). */
  key: string;
  label: string;
  cell: ResultCell;
}

export interface ConstructResult {
  construct: string;
  /** The district total beside the rows, over the schools shown; withheld where publishing it would expose a row. */
  total: ResultCell;
  /** Rows withheld (by school: schools whose families the total and the language groups leave out). */
  left: number;
  rows: ResultRow[];
}

export interface SurveyWave {
  /** '' where the file named no wave. */
  wave: string;
  wave_order: number;
  respondents: number;
}

export const LANGUAGE_GROUP_LABELS: Record<string, string> = {
  en: 'English',
  es: 'Spanish (Español)',
  other: 'Another language',
  unknown: 'Language not known'
};
const LANGUAGE_ORDER = ['en', 'es', 'other', 'unknown'];

const prepared = new WeakSet<Engine>();

/** Creates the views this module reads, once per engine (they read the tables as they are at query time). */
async function prepare(engine: Engine) {
  if (prepared.has(engine)) return;
  await engine.exec(resultsSql);
  prepared.add(engine);
}

export async function surveyThreshold(engine: Engine): Promise<number> {
  const [row] = await engine.query<{ min_n: number }>('SELECT min_n FROM settings_survey');
  return effectiveThreshold(row?.min_n ?? 10);
}

/** The waves held, first loaded first. */
export async function surveyWaves(engine: Engine): Promise<SurveyWave[]> {
  await prepare(engine);
  return engine.query<SurveyWave>('SELECT wave, wave_order, respondents FROM survey_wave_list ORDER BY wave_order');
}

/** The constructs of the loaded template, in its order. */
export async function surveyConstructs(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ construct: string }>('SELECT construct FROM survey_items GROUP BY construct ORDER BY min(construct_order)');
  return rows.map((r) => r.construct);
}

/** The loaded survey's item ids in the template's order, so the page can tell which template it was. */
export async function surveyItemIds(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ item_id: string }>('SELECT item_id FROM survey_items ORDER BY item_order');
  return rows.map((r) => r.item_id);
}

/** The labels of the loaded survey's scale (its first item's), lowest value first, for the bars' legend. */
export async function surveyScaleLabels(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ label_en: string }>(`SELECT p.label_en FROM survey_scale_points p
    WHERE p.scale = (SELECT scale FROM survey_items ORDER BY item_order LIMIT 1) ORDER BY p.position`);
  return rows.map((r) => r.label_en);
}

interface RawCell {
  construct: string;
  key: string | null;
  label: string | null;
  n: number;
  answers: number;
  favorable: number;
  mean: number;
  /** The most points of the scales the construct's items use. */
  points: number;
  [point: `v${number}`]: number;
}

/** Sums of each respondent's counted answers (a row of survey_scored is one respondent's construct). */
const ANSWER_FIGURES = 'sum(answered)::BIGINT AS answers, sum(favorable)::BIGINT AS favorable, sum(total)::DOUBLE / sum(answered)::BIGINT AS mean';

/**
 * Counts for each (construct, part) of one wave, and the (construct) totals with key NULL.
 * The totals, and the language groups, count only the families of schools whose own result is
 * shown (not survey_withheld for the construct): a withheld school's families are
 * in no published figure, so no subtraction between views can bring them back.
 */
async function rawCells(engine: Engine, wave: string, by: 'school' | 'language', constructs?: string[]): Promise<RawCell[]> {
  await prepare(engine);
  const part = by === 'school' ? 'school_id' : 'language_group';
  const counts = Array.from({ length: MAX_SCALE_POINTS }, (_, i) => `sum(v${i + 1})::BIGINT AS v${i + 1}`).join(', ');
  const figures = `count(*) AS n, ${ANSWER_FIGURES}, ${counts}`;
  const where = `wave = ${sqlString(wave)}${constructs ? ` AND construct IN (${constructs.map(sqlString).join(', ') || 'NULL'})` : ''}`;
  const label = by === 'school' ? '(SELECT school_name FROM schools s WHERE s.school_id = x.key)' : 'NULL';
  const order = by === 'school' ? '(SELECT _row FROM schools s WHERE s.school_id = x.key)' : 'x.key';
  return engine.query<RawCell>(`
    WITH scored AS (SELECT * FROM survey_scored WHERE ${where}),
    reported AS (
      SELECT s.* FROM scored s SEMI JOIN (
        SELECT school_id, construct FROM scored GROUP BY school_id, construct HAVING NOT survey_withheld(count(*))
      ) r USING (school_id, construct)
    )
    SELECT x.*, ${label} AS label,
      (SELECT max(p.position) FROM survey_items i JOIN survey_scale_points p USING (scale) WHERE i.construct = x.construct) AS points FROM (
      SELECT construct, min(construct_order) AS construct_order, ${part} AS key, ${figures}
      FROM ${by === 'school' ? 'scored' : 'reported'} GROUP BY construct, ${part}
      UNION ALL
      SELECT construct, min(construct_order), NULL, ${figures}
      FROM reported GROUP BY construct
    ) x ORDER BY construct_order, key IS NOT NULL, ${order}`);
}

function shownCell(raw: RawCell): ShownCell {
  return {
    shown: true,
    n: raw.n,
    pct_favorable: (100 * raw.favorable) / raw.answers,
    mean: raw.mean,
    shares: Array.from({ length: raw.points }, (_, i) => raw[`v${i + 1}`] / raw.answers)
  };
}

/** A withheld cell takes nothing from the counts, not even n. */
function cellOf(raw: RawCell, reason: WithheldReason | undefined): ResultCell {
  return reason ? { shown: false, withheld: reason } : shownCell(raw);
}

/**
 * `totalCovers`: which parts the total counts. By school it counts the shown schools only, so a
 * withheld school never withholds it; by language it counts every group, so it does.
 */
function suppressConstructs(
  raw: RawCell[],
  threshold: number,
  labelOf: (r: RawCell) => string,
  totalCovers: 'shown' | 'all',
  order?: string[]
): ConstructResult[] {
  const byConstruct = new Map<string, RawCell[]>();
  for (const r of raw) byConstruct.set(r.construct, [...(byConstruct.get(r.construct) ?? []), r]);
  return [...byConstruct].map(([construct, cells]) => {
    const total = cells.find((c) => c.key === null);
    let parts = cells.filter((c) => c.key !== null);
    if (order) parts = parts.sort((a, b) => order.indexOf(a.key!) - order.indexOf(b.key!));
    const all = parts.map((p): Part => ({ key: p.key!, n: p.n }));
    const suppression = suppressGroup(all, total ? { n: total.n } : null, threshold);
    // A total of the shown parts alone hides no part: only its own size can withhold it.
    const totalWithheld = totalCovers === 'all' ? suppression.totalWithheld : !total || withheldFor(total.n, threshold);
    const totalCell: ResultCell = !total
      ? { shown: false, withheld: 'few' }
      : totalWithheld
        ? { shown: false, withheld: withheldFor(total.n, threshold) ? 'few' : 'complementary' }
        : shownCell(total);
    return {
      construct,
      total: totalCell,
      left: suppression.parts.size,
      rows: parts.map((p) => ({ key: p.key!, label: labelOf(p), cell: cellOf(p, suppression.parts.get(p.key!)) }))
    };
  });
}

/**
 * Each construct's results by school for one wave, with the district total beside them: the
 * families of the schools shown, so that a withheld school is never total minus the others.
 */
export async function surveyBySchool(engine: Engine, wave: string, constructs?: string[]): Promise<ConstructResult[]> {
  const threshold = await surveyThreshold(engine);
  const raw = await rawCells(engine, wave, 'school', constructs);
  return suppressConstructs(raw, threshold, (r) => r.label ?? r.key!, 'shown');
}

/**
 * Each construct's results by the respondents' language for one wave, with their total, over the
 * families of the schools shown. Every group is a row, "language not known" too: leaving one out
 * would let it be worked out; and where one is withheld, so is the total.
 */
export async function surveyByLanguage(engine: Engine, wave: string, constructs?: string[]): Promise<ConstructResult[]> {
  const threshold = await surveyThreshold(engine);
  const raw = await rawCells(engine, wave, 'language', constructs);
  return suppressConstructs(raw, threshold, (r) => LANGUAGE_GROUP_LABELS[r.key!] ?? r.key!, 'all', LANGUAGE_ORDER);
}

export interface ChangeRow {
  key: string;
  label: string;
  from: ResultCell;
  to: ResultCell;
  /** Percentage points of favourable answers, `to` − `from`; null unless both cells are shown. */
  change: number | null;
}

export interface ConstructChange {
  construct: string;
  total: Omit<ChangeRow, 'key' | 'label'>;
  rows: ChangeRow[];
}

const difference = (from: ResultCell, to: ResultCell) => (from.shown && to.shown ? to.pct_favorable - from.pct_favorable : null);

/**
 * The change between two waves by school and construct. Each wave is suppressed on its own
 * first (complementary suppression included); a difference is shown only where both are shown.
 */
export async function surveyWaveChange(engine: Engine, from: string, to: string): Promise<ConstructChange[]> {
  const [before, after] = [await surveyBySchool(engine, from), await surveyBySchool(engine, to)];
  const constructs = [...new Set([...after.map((c) => c.construct), ...before.map((c) => c.construct)])];
  const none: ResultCell = { shown: false, withheld: 'few' };
  return constructs.map((construct) => {
    const a = before.find((c) => c.construct === construct);
    const b = after.find((c) => c.construct === construct);
    const keys = new Map<string, string>();
    for (const r of [...(b?.rows ?? []), ...(a?.rows ?? [])]) if (!keys.has(r.key)) keys.set(r.key, r.label);
    const rows = [...keys].map(([key, label]) => {
      const fromCell = a?.rows.find((r) => r.key === key)?.cell ?? none;
      const toCell = b?.rows.find((r) => r.key === key)?.cell ?? none;
      return { key, label, from: fromCell, to: toCell, change: difference(fromCell, toCell) };
    });
    const totalFrom = a?.total ?? none;
    const totalTo = b?.total ?? none;
    return { construct, total: { from: totalFrom, to: totalTo, change: difference(totalFrom, totalTo) }, rows };
  });
}

export type Quadrant = 'unaware' | 'unreachable' | 'known-and-served' | 'neither';

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  unaware: 'Services exist, but families don’t know',
  unreachable: 'Families know, but there is little to reach',
  'known-and-served': 'Services in place, and families know',
  neither: 'Little in place, and families don’t know'
};

export interface QuadrantSchool {
  school_id: string;
  school_name: string;
  /** Tier 2 and 3 seats / need (0–1 and above); null where no one needs them. */
  coverage: number | null;
  /** Awareness and access answers together; withheld as either construct is withheld. */
  awareness: ResultCell;
  quadrant: Quadrant | null;
}

export interface QuadrantResult {
  /** The constructs the awareness axis pools (those of the template among awareness, access). */
  constructs: string[];
  /** Where the quadrants divide: the medians of the schools plotted. */
  split: { coverage: number; pct_favorable: number } | null;
  schools: QuadrantSchool[];
  /** Schools no family answered in this wave. */
  noResponses: { school_id: string; school_name: string }[];
}

export const AWARENESS_CONSTRUCTS = ['awareness', 'access'];

/**
 * Each school's tier 2–3 coverage against families' awareness and access (% favourable of those
 * constructs' answers together), for one wave. A school is placed only where both constructs'
 * results are shown in the by-school view (complementary suppression included), so the pooled
 * figure can never help work out a withheld one. Schools without answers are listed with none.
 */
export async function surveyQuadrant(engine: Engine, wave: string): Promise<QuadrantResult | null> {
  const constructs = (await surveyConstructs(engine)).filter((c) => AWARENESS_CONSTRUCTS.includes(c));
  if (constructs.length === 0) return null;
  const threshold = await surveyThreshold(engine);
  const bySchool = await surveyBySchool(engine, wave, constructs);
  const pooled = await engine.query<{ school_id: string; n: number; answers: number; favorable: number; mean: number }>(`
    SELECT school_id, count(DISTINCT respondent) AS n, ${ANSWER_FIGURES}
    FROM survey_scored WHERE wave = ${sqlString(wave)} AND construct IN (${constructs.map(sqlString).join(', ')})
    GROUP BY school_id`);
  const coverage = await engine.query<{ school_id: string; school_name: string; coverage: number | null }>(
    'SELECT school_id, school_name, coverage FROM survey_school_coverage ORDER BY school_order'
  );
  const noResponses = coverage
    .filter((s) => !pooled.some((p) => p.school_id === s.school_id))
    .map(({ school_id, school_name }) => ({ school_id, school_name }));
  const schools: QuadrantSchool[] = coverage
    .filter((s) => pooled.some((p) => p.school_id === s.school_id))
    .map((s) => {
      const p = pooled.find((x) => x.school_id === s.school_id)!;
      const cells = bySchool.map((c) => c.rows.find((r) => r.key === s.school_id)?.cell);
      const hidden = cells.find((c): c is WithheldCell => !!c && !c.shown);
      const awareness: ResultCell =
        withheldFor(p.n, threshold)
          ? { shown: false, withheld: 'few' }
          : hidden
            ? { shown: false, withheld: hidden.withheld }
            : { shown: true, n: p.n, pct_favorable: (100 * p.favorable) / p.answers, mean: p.mean, shares: [] };
      return { school_id: s.school_id, school_name: s.school_name, coverage: s.coverage, awareness, quadrant: null };
    });
  const placed = schools.filter((s) => s.awareness.shown && s.coverage !== null);
  if (placed.length === 0) return { constructs, split: null, schools, noResponses };
  const split = {
    coverage: median(placed.map((s) => s.coverage!)),
    pct_favorable: median(placed.map((s) => (s.awareness as ShownCell).pct_favorable))
  };
  for (const s of placed) s.quadrant = quadrantOf(s.coverage!, (s.awareness as ShownCell).pct_favorable, split);
  return { constructs, split, schools, noResponses };
}

/** High coverage is at or above the split; so is high awareness. */
export function quadrantOf(coverage: number, pct: number, split: { coverage: number; pct_favorable: number }): Quadrant {
  const served = coverage >= split.coverage;
  const known = pct >= split.pct_favorable;
  return served ? (known ? 'known-and-served' : 'unaware') : known ? 'unreachable' : 'neither';
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
