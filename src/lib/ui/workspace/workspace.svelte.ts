/**
 * The app's one workspace: the browser engine, what is loaded, the settings, and a revision
 * number that every view reads, so a new import or a changed ratio redraws everything at once.
 */
import { DEFAULT_SETTINGS, type Settings } from '$lib/core/contract/settings';
import type { FileKind } from '$lib/core/contract/files';
import type { BrowserEngine } from '$lib/core/engine/browser';
import { importDistrict, type DistrictFile } from '$lib/core/import/importer';
import type { Problem } from '$lib/core/import/problems';
import { prepareModel } from '$lib/core/model/model';
import { applySettings } from '$lib/core/model/settings';
import { importSurvey } from '$lib/core/survey/import';
import type { Priority, Readiness } from '$lib/core/plan/types';
import { openWorkspaceFile, saveWorkspaceFile } from '$lib/core/export/workspace-file';
import { sourceBytes } from '$lib/core/import/source';
import type { Scenario } from '$lib/core/scenario/types';
import { DEFAULT_TEMPLATE } from '$lib/core/survey/template';
import { fetchSample, SAMPLE_DISTRICT } from './sample';
import { clearWorkspace, readWorkspace, toSource, writeWorkspace, type StoredFile, type StoredWorkspace } from './storage';
import { TEMPLATES } from './templates';

export interface LoadOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
}

/** The first kept file whose bytes can no longer be read, as a failed outcome naming it. */
async function unreadable(files: StoredFile[]): Promise<LoadOutcome | undefined> {
  for (const f of files) {
    if (f.data instanceof Uint8Array) continue;
    try {
      await f.data.slice(0, 1).arrayBuffer();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ file: f.name, row: 0, message, severity: 'error' }], warnings: [] };
    }
  }
  return undefined;
}

class Workspace {
  status = $state<'starting' | 'loading' | 'ready' | 'failed'>('starting');
  /** What long work is doing now, for the progress line. */
  progress = $state<string | null>(null);
  failure = $state<string | null>(null);
  /** Bumped whenever data or settings change. */
  revision = $state(0);
  settings = $state<Settings>(structuredClone(DEFAULT_SETTINGS));
  files = $state<Pick<StoredFile, 'kind' | 'name'>[]>([]);
  isSample = $state(false);
  hasSurvey = $derived(this.files.some((f) => f.kind === 'survey'));
  storageWarning = $state<string | null>(null);
  /** The workshop's decisions, kept with the data. */
  scenarios = $state<Scenario[]>([]);
  priorities = $state<Priority[]>([]);
  readiness = $state<Readiness>({});
  mappings: Record<string, string> = {};
  engine: BrowserEngine | null = null;
  private stored: StoredFile[] = [];
  private starting: Promise<void> | null = null;

  get districtName() {
    return this.isSample ? SAMPLE_DISTRICT : 'Your district';
  }

  /** Opens DuckDB and loads what this browser kept, or the sample district. */
  start(): Promise<void> {
    this.starting ??= this.open();
    return this.starting;
  }

  private async open() {
    try {
      this.progress = 'Starting the in-browser database…';
      // The database compiles while the kept workspace is read and, on a first visit, the sample
      // is fetched: the three overlap rather than wait on one another.
      const engine = import('$lib/core/engine/browser').then(({ createBrowserEngine }) => createBrowserEngine());
      const kept = await readWorkspace().catch(() => undefined);
      const sample = kept?.files.length ? undefined : fetchSample();
      // Failures are reported where these are awaited, not as unhandled meanwhile.
      engine.catch(() => undefined);
      sample?.catch(() => undefined);
      this.engine = await engine;
      if (kept) {
        this.settings = { ...structuredClone(DEFAULT_SETTINGS), ...kept.settings };
        this.mappings = kept.mappings ?? {};
        this.scenarios = kept.scenarios ?? [];
        this.priorities = kept.priorities ?? [];
        this.readiness = kept.readiness ?? {};
      }
      await prepareModel(this.engine, $state.snapshot(this.settings));
      if (kept?.files.length) {
        this.progress = 'Loading the data kept in this browser…';
        // A kept file may no longer be readable: a private window keeps a picked large file only
        // as a reference to it on disk, so moving or deleting it loses it. The app still starts.
        const failed = (file: string, error: unknown): LoadOutcome => ({
          ok: false,
          errors: [{ file, row: 0, message: error instanceof Error ? error.message : String(error), severity: 'error' }],
          warnings: []
        });
        const outcome = (await unreadable(kept.files)) ?? (await this.loadInto(kept.files, true).catch((error: unknown) => failed('', error)));
        if (outcome.ok) {
          this.stored = kept.files;
          this.isSample = false;
        } else {
          const problem = outcome.errors[0];
          this.storageWarning = `The files kept in this browser could not be loaded again (${problem?.file ? `${problem.file}: ` : ''}${problem?.message ?? 'unknown problem'}), so the sample district is shown. Load your files again on Load data.`;
          await this.loadSample();
        }
      } else {
        await this.loadSample(sample);
      }
      this.status = 'ready';
    } catch (error) {
      this.status = 'failed';
      this.failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.progress = null;
      this.revision++;
    }
  }

  private async loadSample(fetched = fetchSample()) {
    this.progress = 'Loading the sample district…';
    const files = await fetched;
    const outcome = await this.loadInto(files, true);
    if (!outcome.ok) throw new Error(`The sample district did not load: ${outcome.errors[0]?.message}`);
    this.stored = files;
    this.isSample = true;
  }

  /** Imports district files, then the survey; on any error the earlier data is put back. */
  private async loadInto(files: StoredFile[], replaceAll = false): Promise<LoadOutcome> {
    const engine = this.engine!;
    const district = files.filter((f): f is StoredFile & { kind: FileKind } => f.kind !== 'survey');
    const surveys = files.filter((f) => f.kind === 'survey');
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    let keptWaves: (string | null)[] = [];
    if (district.length) {
      this.progress = `Checking ${district.map((f) => f.name).join(', ')}…`;
      const toImport: DistrictFile[] = district.map((f) => ({
        kind: f.kind,
        source: toSource(f),
        mapping: f.mapping,
        excludeRows: f.excludeRows
      }));
      const outcome = await importDistrict(engine, toImport, { replaceAll, progress: (message) => (this.progress = message) });
      errors.push(...outcome.errors);
      warnings.push(...outcome.warnings);
    }
    if (errors.length === 0) {
      for (const survey of surveys) {
        this.progress = `Scoring ${survey.name}…`;
        const template = TEMPLATES[survey.template ?? DEFAULT_TEMPLATE];
        const outcome = await importSurvey(engine, toSource(survey), template, {
          wave: survey.wave,
          progress: (share) => (this.progress = `Reading ${survey.name}: ${Math.round(share * 100)}%`)
        });
        errors.push(...outcome.errors);
        warnings.push(...outcome.warnings);
        survey.waves = outcome.waves;
        keptWaves = outcome.keptWaves;
      }
      // The district passed but a survey did not: put the last good workspace back whole.
      if (errors.length && district.length && this.stored.length) await this.loadInto(this.stored, true);
    }
    if (errors.length === 0) this.files = (replaceAll ? files : this.mergeFiles(files, keptWaves)).map(({ kind, name }) => ({ kind, name }));
    this.keptWaves = keptWaves;
    return { ok: errors.length === 0, errors, warnings };
  }

  /** Waves the last survey load kept from earlier files. */
  private keptWaves: (string | null)[] = [];

  /**
   * The workspace's files once `incoming` replaces the files of the same kinds; an earlier
   * survey file stays while the waves it brought are still loaded beside the new one.
   */
  private mergeFiles(incoming: StoredFile[], keptWaves = this.keptWaves): StoredFile[] {
    const kinds = new Set(incoming.map((f) => f.kind));
    const stays = (f: StoredFile) => !kinds.has(f.kind) || (f.kind === 'survey' && !!f.waves?.some((w) => keptWaves.includes(w)));
    return [...this.stored.filter(stays), ...incoming];
  }

  /** Loads the team's own files: all of them, or nothing changes. */
  async load(files: StoredFile[]): Promise<LoadOutcome> {
    await this.start();
    this.status = 'loading';
    try {
      // A first own load replaces the sample entirely, not only the kinds it brings.
      const replaceAll = this.isSample && files.some((f) => f.kind === 'schools');
      const outcome = await this.loadInto(files, replaceAll);
      if (outcome.ok) {
        this.stored = replaceAll ? files : this.mergeFiles(files);
        this.isSample = false;
        await this.persist();
        this.revision++;
      }
      return outcome;
    } finally {
      this.status = 'ready';
      this.progress = null;
    }
  }

  async updateSettings(settings: Settings) {
    this.settings = settings;
    await applySettings(this.engine!, $state.snapshot(settings));
    this.revision++;
    await this.persist();
  }

  rememberMapping(header: string, column: string) {
    this.mappings[header] = column;
  }

  /** Removes every file and setting from this browser and shows the sample district again. */
  async removeAll() {
    await clearWorkspace();
    this.stored = [];
    this.mappings = {};
    this.settings = structuredClone(DEFAULT_SETTINGS);
    this.scenarios = [];
    this.priorities = [];
    this.readiness = {};
    this.status = 'loading';
    try {
      await applySettings(this.engine!, $state.snapshot(this.settings));
      await this.loadSample();
    } finally {
      this.status = 'ready';
      this.progress = null;
      this.revision++;
    }
  }

  /** The whole workspace as one file: data, mappings, settings and decisions. */
  async saveToFile(): Promise<Uint8Array> {
    const files = await Promise.all(this.stored.map(async (f) => ({ ...f, data: await sourceBytes(toSource(f)) })));
    return saveWorkspaceFile({
      settings: $state.snapshot(this.settings),
      mappings: { ...this.mappings },
      scenarios: $state.snapshot(this.scenarios),
      priorities: $state.snapshot(this.priorities),
      readiness: $state.snapshot(this.readiness),
      files
    });
  }

  /** Opens a workspace file: all of it, or (a damaged or foreign file, failing data) nothing changes. */
  async openFile(name: string, data: Uint8Array): Promise<LoadOutcome> {
    const bundle = openWorkspaceFile(name, data);
    await this.start();
    this.status = 'loading';
    const previousSettings = $state.snapshot(this.settings);
    try {
      await applySettings(this.engine!, bundle.settings);
      const outcome = await this.loadInto(bundle.files, true);
      if (!outcome.ok) {
        await applySettings(this.engine!, previousSettings);
        return outcome;
      }
      this.stored = bundle.files;
      this.isSample = false;
      this.settings = bundle.settings;
      this.mappings = bundle.mappings;
      this.scenarios = bundle.scenarios;
      this.priorities = bundle.priorities;
      this.readiness = bundle.readiness;
      await this.persist();
      this.revision++;
      return outcome;
    } finally {
      this.status = 'ready';
      this.progress = null;
    }
  }

  /** Saves scenarios, priorities and readiness after the UI changed them. */
  saveDecisions(): Promise<void> {
    return this.persist();
  }

  private async persist() {
    const snapshot: StoredWorkspace = {
      files: this.isSample ? [] : this.stored,
      settings: $state.snapshot(this.settings),
      mappings: { ...this.mappings },
      scenarios: $state.snapshot(this.scenarios),
      priorities: $state.snapshot(this.priorities),
      readiness: $state.snapshot(this.readiness)
    };
    try {
      await writeWorkspace(snapshot);
      this.storageWarning = null;
    } catch (error) {
      this.storageWarning = error instanceof Error ? error.message : String(error);
    }
  }
}

export const workspace = new Workspace();
