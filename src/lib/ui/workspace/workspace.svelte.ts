/**
 * The app's one workspace: the core session (engine, model, load path, what-if runner), the
 * files kept in this browser, the settings, and a revision number that every view reads, so a
 * new import or a changed ratio redraws everything at once.
 */
import { PART_KINDS } from '$lib/core/contract/files';
import { mappingKey, mergeMappings, type ValueMapping } from '$lib/core/contract/mappings';
import { DEFAULT_SETTINGS, type Settings } from '$lib/core/contract/settings';
import type { DistrictCount } from '$lib/core/import/filters';
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
  /**
   * What the district's own values mean, as the user confirmed them: every load passes them, so
   * the kept files load again as they did and the next file with the same values needs no choice.
   */
  valueMappings = $state<ValueMapping[]>([]);
  /** The district chosen out of a state's schools file; undefined: the whole file. */
  district = $state<string | undefined>(undefined);
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
        this.valueMappings = kept.valueMappings ?? [];
        this.district = kept.district;
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
    // The sample is the sample: no district of a state file, no mappings made for other files.
    const outcome = await this.loadInto(files, true, { mappings: [], district: undefined });
    if (!outcome.ok) throw new Error(`The sample district did not load: ${outcome.errors[0]?.message}`);
    this.stored = files;
    this.isSample = true;
  }

  /**
   * Loads stored files through the session's one load path: all of them, or the database is rolled
   * back. The workspace's value mappings go with every load, and a batch with a schools file
   * keeps the district chosen for it (the sample has none).
   */
  private async loadInto(
    files: StoredFile[],
    replaceAll = false,
    { mappings = this.valueMappings, district = this.district }: { mappings?: ValueMapping[]; district?: string } = {}
  ): Promise<LoadOutcome> {
    const batch: LoadFile[] = files.map((f) =>
      f.kind === 'survey'
        ? { kind: 'survey', source: toSource(f), template: TEMPLATES[f.template ?? DEFAULT_TEMPLATE], wave: f.wave }
        : { kind: f.kind, source: toSource(f), mapping: f.mapping, excludeRows: f.excludeRows }
    );
    const withSchools = files.some((f) => f.kind === 'schools');
    const outcome = await this.session!.load(batch, {
      replaceAll,
      progress: (message) => (this.progress = message),
      mappings: $state.snapshot(mappings) as ValueMapping[],
      district: withSchools ? district : undefined
    });
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
    // A new schools file ends the enrollment and locations files that came with the old one.
    if (kinds.has('schools')) PART_KINDS.forEach((k) => kinds.add(k));
    const stays = (f: StoredFile) => !kinds.has(f.kind) || (f.kind === 'survey' && !!f.waves?.some((w) => keptWaves.includes(w)));
    return [...this.stored.filter(stays), ...incoming];
  }

  /**
   * Loads the team's own files: all of them, or nothing changes. With a schools file, `district`
   * is the district chosen out of it (undefined: the whole file), kept for the next loads.
   */
  async load(files: StoredFile[], { district }: { district?: string } = {}): Promise<LoadOutcome> {
    await this.start();
    this.status = 'loading';
    try {
      // A first own load replaces the sample entirely, not only the kinds it brings.
      const replaceAll = this.isSample && files.some((f) => f.kind === 'schools');
      const withSchools = files.some((f) => f.kind === 'schools');
      const outcome = await this.loadInto(files, replaceAll, { district: withSchools ? district : this.district });
      if (outcome.ok) {
        this.stored = replaceAll ? files : this.mergeFiles(files);
        if (withSchools) this.district = district;
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

  /** The districts of a schools file, open schools only, for choosing one before anything loads. */
  async districts(file: Pick<StoredFile, 'name' | 'data' | 'mapping'>): Promise<DistrictCount[]> {
    await this.start();
    return this.session!.districts({ kind: 'schools', source: toSource(file), mapping: file.mapping });
  }

  /** The open schools of a schools file not loaded yet, for the meanings of a value that names a school. */
  async schoolsIn(file: Pick<StoredFile, 'name' | 'data' | 'mapping'>): Promise<{ school_id: string; school_name: string }[]> {
    await this.start();
    return this.session!.schoolsIn({ kind: 'schools', source: toSource(file), mapping: file.mapping });
  }

  /**
   * Keeps what the user confirmed their values mean (a later choice for the same file, column and
   * value replaces an earlier one), with the workspace at once: the next load uses them.
   */
  async rememberValues(mappings: ValueMapping[]): Promise<void> {
    this.valueMappings = mergeMappings($state.snapshot(this.valueMappings) as ValueMapping[], mappings);
    await this.persist();
  }

  /**
   * Forgets one value mapping. Where a kept file of its kind is loaded, the kept files are read
   * again without it, and it is forgotten only if they still load: otherwise nothing changes, and
   * the outcome's problems say which values then need a meaning.
   */
  async forgetValue(mapping: ValueMapping): Promise<LoadOutcome> {
    const key = (m: ValueMapping) => `${m.file}\u0000${m.column}\u0000${mappingKey(m.value)}`;
    const rest = ($state.snapshot(this.valueMappings) as ValueMapping[]).filter((m) => key(m) !== key(mapping));
    const used = !this.isSample && this.stored.some((f) => f.kind === mapping.file);
    if (used) {
      const outcome = await this.reloadKept(rest);
      if (!outcome.ok) return outcome;
    }
    this.valueMappings = rest;
    await this.persist();
    return { ok: true, errors: [], warnings: [] };
  }

  /** Reads the kept files again, as on opening, with these value mappings (the workspace's by default). */
  async reloadKept(mappings: ValueMapping[] = $state.snapshot(this.valueMappings) as ValueMapping[]): Promise<LoadOutcome> {
    await this.start();
    if (this.isSample) return { ok: true, errors: [], warnings: [] };
    this.status = 'loading';
    try {
      const outcome = await this.loadInto(this.stored, true, { mappings });
      if (outcome.ok) {
        await this.persist();
        this.revision++;
      }
      return outcome;
    } finally {
      this.status = 'ready';
      this.progress = null;
    }
  }

  /** The kinds of the kept files, for saying where a value mapping is used. */
  keptFile(kind: StoredFile['kind']): string | undefined {
    return this.isSample ? undefined : this.stored.find((f) => f.kind === kind)?.name;
  }

  /** Removes every file and setting from this browser and shows the sample district again. */
  async removeAll() {
    await clearWorkspace();
    this.stored = [];
    this.mappings = {};
    this.valueMappings = [];
    this.district = undefined;
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
      valueMappings: $state.snapshot(this.valueMappings) as ValueMapping[],
      district: this.district,
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
      const outcome = await this.loadInto(bundle.files, true, { mappings: bundle.valueMappings ?? [], district: bundle.district });
      if (!outcome.ok) {
        await this.session!.applySettings(previousSettings);
        return outcome;
      }
      this.stored = bundle.files;
      this.isSample = false;
      this.settings = bundle.settings;
      this.mappings = bundle.mappings;
      this.valueMappings = bundle.valueMappings ?? [];
      this.district = bundle.district;
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
      valueMappings: $state.snapshot(this.valueMappings) as ValueMapping[],
      ...(this.district ? { district: this.district } : {}),
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
