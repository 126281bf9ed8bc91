/**
 * What-if work on one engine's scenario schema: building it, copying the baseline's figures into
 * it, and the prepared comparisons. There is one scenario schema, so every piece that rebuilds or
 * reads it runs through this runner's lock, one after another: a comparison never reads the
 * schema while another change is rebuilding it. The core session owns one runner.
 */
import { sqlNumber, type Engine, type PreparedQuery } from '../engine/engine';
import { MODEL_SQL } from '../model/model';
import { scenarioChangesSql, scenarioInputsSql, SCENARIO_SCHEMA } from './scenario';
import type { Change, StaffingComparison, TierComparison } from './types';

/**
 * What the baseline's figures depend on, in one cheap row: the files loaded, the settings the
 * model reads, and a sum of hashes of the rows the model reads (so even a direct edit of a table
 * is seen).
 */
const BASELINE_STATE = `SELECT concat_ws('|',
  (SELECT string_agg(concat_ws(',', kind, file_name, rows, loaded_at), ';' ORDER BY kind) FROM main.input_files),
  (SELECT string_agg(concat_ws(',', role, ratio), ';' ORDER BY role) FROM main.settings_role_ratio),
  (SELECT string_agg(concat_ws(',', tier, rate), ';' ORDER BY tier) FROM main.settings_tier_rate),
  (SELECT sum(hash(school_id, enrollment)) FROM main.schools),
  (SELECT sum(hash(school_id, role, fte)) FROM main.staff),
  (SELECT sum(hash(_row, school_id, tier, capacity)) FROM main.services),
  (SELECT sum(hash(school_id, tier, students)) FROM main.needs)) AS state`;

export interface ChangedSchool {
  school_id: string;
  school_name: string;
  gap: number;
  scenario_gap: number;
  coverage: number | null;
  scenario_coverage: number | null;
}

export interface Comparison {
  tiers: TierComparison[];
  staffing: StaffingComparison[];
  /** Schools whose gap changes at `tier`. */
  schools: ChangedSchool[];
  tier: number;
  /** How long applying the scenario and comparing it took, in milliseconds. */
  ms: number;
}

export class ScenarioRunner {
  /** Schemas whose views exist: asking the catalog on every change costs a query. */
  private built = new Set<string>();
  /** The state of `main` each schema's baseline copy was taken from. */
  private baselineOf = new Map<string, string>();
  /** Prepared comparisons by SQL: each change runs them again, planned once. */
  private prepared = new Map<string, Promise<PreparedQuery>>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    readonly schema = SCENARIO_SCHEMA
  ) {}

  /** Runs `work` after every piece queued before it has finished. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Builds the scenario and compares it with the baseline: everything a change can move. Null
   * when, by its turn, `wanted` says a newer change has overtaken it.
   */
  compare(changes: Change[], salaries: Record<string, number | undefined>, tier: number, wanted = () => true): Promise<Comparison | null> {
    return this.serial(async () => {
      if (!wanted()) return null;
      const started = performance.now();
      await this.apply(changes);
      const tiers = await this.compareTiers();
      const staffing = await this.compareStaffing(salaries);
      const schools = await this.schoolChanges(tier);
      return { tiers, staffing, schools, tier, ms: performance.now() - started };
    });
  }

  /** The district comparison a report shows beside the baseline. */
  districtComparison(changes: Change[], salaries: Record<string, number | undefined>) {
    return this.serial(async () => {
      await this.apply(changes);
      return { tiers: await this.compareTiers(), staffing: await this.compareStaffing(salaries) };
    });
  }

  /** Schools whose gap changes at `tier` in the scenario last applied. */
  changedSchools(tier: number): Promise<ChangedSchool[]> {
    return this.serial(() => this.schoolChanges(tier));
  }

  /**
   * Builds the scenario schema on first use (its inputs and the model's views), then fills in the
   * changes. The baseline's figures are copied into the schema whenever `main` has changed since
   * the last copy: each change then computes the scenario alone, not the unchanged baseline again.
   * Unlocked: call it inside `serial` (the bench times it alone).
   */
  async apply(changes: Change[]): Promise<void> {
    const { engine, schema } = this;
    if (!this.built.has(schema)) {
      await engine.exec(`${scenarioInputsSql(schema)} USE ${schema}; ${MODEL_SQL.district.join('\n')}; USE main;`);
      this.built.add(schema);
    }
    const [{ state }] = await engine.query<{ state: string }>(BASELINE_STATE);
    if (this.baselineOf.get(schema) !== state) {
      // Rows replaced, not tables: the comparisons' prepared plans stay valid.
      await engine.exec(`DELETE FROM ${schema}.baseline_tier_gaps; INSERT INTO ${schema}.baseline_tier_gaps SELECT * FROM main.tier_gaps;
        DELETE FROM ${schema}.baseline_district_tiers; INSERT INTO ${schema}.baseline_district_tiers SELECT * FROM main.district_tiers;
        DELETE FROM ${schema}.baseline_staffing; INSERT INTO ${schema}.baseline_staffing SELECT * FROM main.staffing;`);
      this.baselineOf.set(schema, state);
    }
    await engine.exec(scenarioChangesSql(changes, schema));
  }

  /** District figures by tier, baseline beside the scenario last applied. Unlocked, as `apply`. */
  compareTiers(): Promise<TierComparison[]> {
    return this.runPrepared(`
    SELECT b.tier, b.need, b.capacity, b.gap, b.coverage,
           s.need AS scenario_need, s.capacity AS scenario_capacity, s.gap AS scenario_gap, s.coverage AS scenario_coverage
    FROM ${this.schema}.baseline_district_tiers b JOIN ${this.schema}.district_tiers s USING (tier) ORDER BY tier`);
  }

  /** Salaries per role (annual cost of one FTE); a role without one has no cost figure. Unlocked, as `apply`. */
  async compareStaffing(salaries: Record<string, number | undefined> = {}): Promise<StaffingComparison[]> {
    const rows = await this.runPrepared<Omit<StaffingComparison, 'cost'>>(`
    SELECT b.role, sum(b.fte) AS fte, sum(s.fte) AS scenario_fte,
           count(*) FILTER (WHERE NOT b.below_standard) AS schools_meeting,
           count(*) FILTER (WHERE NOT s.below_standard) AS scenario_schools_meeting
    FROM ${this.schema}.baseline_staffing b JOIN ${this.schema}.staffing s USING (school_id, role)
    GROUP BY b.role, b.role_order ORDER BY b.role_order`);
    return rows.map((r) => {
      const perFte = salaries[r.role];
      return { ...r, cost: perFte === undefined ? null : (r.scenario_fte - r.fte) * perFte };
    });
  }

  /** Schools whose gap changes in the scenario, largest change first. Unlocked, as `apply`. */
  schoolChanges(tier: number): Promise<ChangedSchool[]> {
    return this.runPrepared<ChangedSchool>(`
    SELECT b.school_id, b.school_name, b.gap, s.gap AS scenario_gap, b.coverage, s.coverage AS scenario_coverage
    FROM ${this.schema}.baseline_tier_gaps b JOIN ${this.schema}.tier_gaps s USING (school_id, tier)
    WHERE b.tier = ${sqlNumber(tier)} AND abs(b.gap - s.gap) > 1e-9
    ORDER BY abs(b.gap - s.gap) DESC, b.school_order`);
  }

  private runPrepared<T>(sql: string): Promise<T[]> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.engine.prepare(sql);
      this.prepared.set(sql, statement);
      statement.catch(() => this.prepared.delete(sql));
    }
    return statement.then((s) => s.query() as Promise<T[]>);
  }
}
