/**
 * The core session: the one object the app and the command line both drive (as Mosaic's
 * coordinator is for its clients). It owns the engine, the model prepared in it, the settings,
 * the what-if runner with its lock and caches, and the one load path: every file the app or the
 * CLI loads goes through `load`, with the same checks, the same transaction and the same problems.
 */
import type { InputFileKind } from '../contract/files';
import type { ValueMapping } from '../contract/mappings';
import { DEFAULT_SETTINGS, type Settings } from '../contract/settings';
import { inTransaction, type Engine } from '../engine/engine';
import { buildReport, type Report, type ReportInput } from '../export/report/model';
import { checkDistrict, schoolDistricts, schoolsInFile, type DistrictFile, type ImportOutcome } from '../import/importer';
import type { DistrictCount } from '../import/filters';
import type { Problem } from '../import/problems';
import type { SourceFile } from '../import/source';
import { prepareModel } from '../model/model';
import { applySettings } from '../model/settings';
import { ScenarioRunner } from '../scenario/runner';
import type { Scenario } from '../scenario/types';
import { importSurvey } from '../survey/import';
import type { SurveyTemplate } from '../survey/template';

/** What the UI hands back to the core's query functions: the session's database, never queried by the UI itself. */
export type Database = Engine;

/** One file to load: a district file of the contract, or a survey response file with its template. */
export type LoadFile =
  | (DistrictFile & { kind: InputFileKind })
  | { kind: 'survey'; source: SourceFile; template: SurveyTemplate; wave?: string };

export interface LoadOptions {
  /** The batch is the whole workspace: what it does not bring is emptied (a district replacing the sample). */
  replaceAll?: boolean;
  progress?: (message: string) => void;
  /** What the district's own values mean: the mappings file, or the choices made in the app. */
  mappings?: ValueMapping[];
  /** Keep one district's schools out of a state file. */
  district?: string;
}

export interface SurveyLoaded {
  file: string;
  /** The waves this file brought. */
  waves: (string | null)[];
  /** Waves loaded before that are still held beside this file's. */
  keptWaves: (string | null)[];
}

export interface LoadOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Rows loaded per district file kind, when ok. */
  loaded: ImportOutcome['loaded'];
  /** Per survey file loaded, in the batch's order, when ok. */
  surveys: SurveyLoaded[];
}

export interface SessionReport extends Omit<ReportInput, 'scenario'> {
  /** A scenario to compare beside the baseline, with the settings' salaries for its cost. */
  scenario?: Pick<Scenario, 'name' | 'changes'>;
}

export class Session {
  readonly scenarios: ScenarioRunner;
  private current: Settings;

  private constructor(
    readonly engine: Database,
    settings: Settings
  ) {
    this.scenarios = new ScenarioRunner(engine);
    this.current = settings;
  }

  /** Prepares the model's tables and views in a freshly opened engine. */
  static async open(engine: Engine, settings: Settings = DEFAULT_SETTINGS): Promise<Session> {
    const copy = structuredClone(settings);
    await prepareModel(engine, copy);
    return new Session(engine, copy);
  }

  get settings(): Settings {
    return this.current;
  }

  /** Every figure reads the settings from the database: changing them changes every figure at once. */
  async applySettings(settings: Settings): Promise<void> {
    const copy = structuredClone(settings);
    await this.scenarios.serial(() => applySettings(this.engine, copy));
    this.current = copy;
  }

  /**
   * Loads a batch all or nothing. Every district file is staged and checked first (outside any
   * transaction, so one unreadable file does not stop the others being checked); then the district
   * files are written and each survey is read, checked and written in one transaction, which is
   * rolled back in the database if any survey has an error. (A batch of one file needs no
   * transaction beyond that file's own.)
   */
  load(files: LoadFile[], options: LoadOptions = {}): Promise<LoadOutcome> {
    // Scenario work reads `main`: a load waits for it, and it for the load.
    return this.scenarios.serial(() => this.loadNow(files, options));
  }

  private async loadNow(files: LoadFile[], options: LoadOptions): Promise<LoadOutcome> {
    const { engine } = this;
    const district = files.filter((f): f is Extract<LoadFile, { kind: InputFileKind }> => f.kind !== 'survey');
    const surveys = files.filter((f): f is Extract<LoadFile, { kind: 'survey' }> => f.kind === 'survey');
    const outcome: LoadOutcome = { ok: false, errors: [], warnings: [], loaded: {}, surveys: [] };
    if (district.length) options.progress?.(`Checking ${district.map((f) => f.source.name).join(', ')}…`);
    const checked = district.length ? await checkDistrict(engine, district, options) : undefined;
    try {
      if (checked) {
        outcome.errors.push(...checked.errors);
        outcome.warnings.push(...checked.warnings);
        if (!checked.ok) return outcome;
      }
      // One transaction holds the batch when it writes more than one thing. A batch of one
      // writes in that thing's own transaction, which leaves a survey's staging outside it:
      // staged inside, the bench's million-response survey held about 300 MB more.
      const together = (checked ? 1 : 0) + surveys.length > 1;
      if (together) await engine.exec('BEGIN TRANSACTION');
      try {
        if (checked) outcome.loaded = together ? await checked.write() : await inTransaction(engine, checked.write);
        for (const survey of surveys) {
          options.progress?.(`Scoring ${survey.source.name}…`);
          const read = await importSurvey(engine, survey.source, survey.template, {
            wave: survey.wave,
            inCallersTransaction: together,
            mappings: options.mappings,
            progress: (share) => options.progress?.(`Reading ${survey.source.name}: ${Math.round(share * 100)}%`)
          });
          outcome.errors.push(...read.errors);
          outcome.warnings.push(...read.warnings);
          if (read.errors.length) break;
          outcome.surveys.push({ file: survey.source.name, waves: read.waves, keptWaves: read.keptWaves });
        }
      } catch (error) {
        if (together) await engine.exec('ROLLBACK');
        throw error;
      }
      if (outcome.errors.length) {
        // A survey that fails alone wrote nothing; in a batch, the batch is rolled back.
        if (together) await engine.exec('ROLLBACK');
        outcome.loaded = {};
        outcome.surveys = [];
        return outcome;
      }
      if (together) await engine.exec('COMMIT');
      outcome.ok = true;
      return outcome;
    } finally {
      await checked?.discard();
    }
  }

  /** The districts of a schools file (a state file holds many), for choosing one before it loads. */
  districts(file: DistrictFile): Promise<DistrictCount[]> {
    return this.scenarios.serial(() => schoolDistricts(this.engine, file));
  }

  /** The open schools of a schools file not loaded yet: what a value naming a school may mean. */
  schoolsIn(file: DistrictFile): Promise<{ school_id: string; school_name: string }[]> {
    return this.scenarios.serial(() => schoolsInFile(this.engine, file));
  }

  /** The gap report of what is loaded, with a scenario's comparison beside it when one is given. */
  async report(input: SessionReport = {}): Promise<Report> {
    const { scenario, ...rest } = input;
    const compared = scenario && (await this.scenarios.districtComparison(scenario.changes, this.current.salaries));
    return this.scenarios.serial(() =>
      buildReport(this.engine, {
        ...rest,
        scenario: scenario && compared ? { name: scenario.name, changes: structuredClone(scenario.changes), ...compared } : undefined
      })
    );
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
