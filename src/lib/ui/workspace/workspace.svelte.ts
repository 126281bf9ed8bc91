/**
 * The app's one workspace: the core session (engine, model, load path, what-if runner), the
 * files kept in this browser, the settings, and a revision number that every view reads, so a
 * new import or a changed ratio redraws everything at once.
 */
import { DEFAULT_SETTINGS, type Settings } from '$lib/core/contract/settings';
import type { Problem } from '$lib/core/import/problems';
import { startBrowserEngine } from '$lib/core/session/browser';
import { Session, type Database, type LoadFile } from '$lib/core/session/session';
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
  session: Session | null = null;
  private stored: StoredFile[] = [];
  private starting: Promise<void> | null = null;

  /** The database the core's query functions read, once the session is open. */
  get database(): Database | null {
    return this.session?.engine ?? null;
  }

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
      const engine = startBrowserEngine();
      const kept = await readWorkspace().catch(() => undefined);
      const sample = kept?.files.length ? undefined : fetchSample();
      // Failures are reported where these are awaited, not as unhandled meanwhile.
      engine.catch(() => undefined);
      sample?.catch(() => undefined);
      const opened = await engine;
      if (kept) {
        this.settings = { ...structuredClone(DEFAULT_SETTINGS), ...kept.settings };
        this.mappings = kept.mappings ?? {};
        this.scenarios = kept.scenarios ?? [];
        this.priorities = kept.priorities ?? [];
        this.readiness = kept.readiness ?? {};
      }
      this.session = await Session.open(opened, $state.snapshot(this.settings));
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

  /** Loads stored files through the session's one load path: all of them, or the database is rolled back. */
  private async loadInto(files: StoredFile[], replaceAll = false): Promise<LoadOutcome> {
    const batch: LoadFile[] = files.map((f) =>
      f.kind === 'survey'
        ? { kind: 'survey', source: toSource(f), template: TEMPLATES[f.template ?? DEFAULT_TEMPLATE], wave: f.wave }
        : { kind: f.kind, source: toSource(f), mapping: f.mapping, excludeRows: f.excludeRows }
    );
    const outcome = await this.session!.load(batch, { replaceAll, progress: (message) => (this.progress = message) });
    if (outcome.ok) {
      const surveys = files.filter((f) => f.kind === 'survey');
      outcome.surveys.forEach((loaded, i) => (surveys[i].waves = loaded.waves));
      const keptWaves = outcome.surveys.at(-1)?.keptWaves ?? [];
      this.files = (replaceAll ? files : this.mergeFiles(files, keptWaves)).map(({ kind, name }) => ({ kind, name }));
      this.keptWaves = keptWaves;
    }
    return { ok: outcome.ok, errors: outcome.errors, warnings: outcome.warnings };
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
    await this.session!.applySettings($state.snapshot(settings));
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
      await this.session!.applySettings($state.snapshot(this.settings));
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
      await this.session!.applySettings(bundle.settings);
      const outcome = await this.loadInto(bundle.files, true);
      if (!outcome.ok) {
        await this.session!.applySettings(previousSettings);
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
