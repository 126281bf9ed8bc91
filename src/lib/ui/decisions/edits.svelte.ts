/**
 * Undoable edits of the workshop's decisions. Each page keeps its own history (scenarios on
 * /scenarios, priorities on /plan), so an undo never reaches into the other page's work. The
 * histories live at module level: moving between pages and back keeps them; a reload starts
 * afresh with what was saved.
 */
import {
  canRedo,
  canUndo,
  createHistory,
  record,
  redo,
  redoLabel,
  undo,
  undoLabel,
  type History
} from '$lib/core/scenario/history';
import type { Priority } from '$lib/core/plan/types';
import type { Scenario } from '$lib/core/scenario/types';
import { workspace } from '$lib/ui/workspace/workspace.svelte';

/** What the undo bar needs of a history, whatever it keeps. */
export interface Undoable {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  readonly said: string;
  undo(): Promise<unknown>;
  redo(): Promise<unknown>;
}

export class DecisionHistory<T> implements Undoable {
  // Raw: a history is replaced whole, never changed in place.
  #history = $state.raw<History<T>>(createHistory<T>());
  /** What the last undo or redo did, for the live region. */
  said = $state('');

  private read: () => T;
  private write: (value: T) => void;
  /** The value as this history last left it. Another value there means it was replaced from
   * outside (new data loaded, everything removed), and the old steps no longer apply. */
  #left = $state.raw<unknown>(undefined);
  #replaced = $derived.by(() => this.#left !== undefined && this.read() !== this.#left);

  constructor(read: () => T, write: (value: T) => void) {
    this.read = read;
    this.write = write;
  }

  canUndo = $derived(!this.#replaced && canUndo(this.#history));
  canRedo = $derived(!this.#replaced && canRedo(this.#history));
  undoLabel = $derived(this.#replaced ? null : undoLabel(this.#history));
  redoLabel = $derived(this.#replaced ? null : redoLabel(this.#history));

  private current(): T {
    if (this.#replaced) this.#history = createHistory<T>();
    return $state.snapshot(this.read()) as T;
  }

  private put(value: T) {
    this.write(value);
    this.#left = this.read();
  }

  /** Applies `change` to a copy of the value, remembers the value before, and saves. */
  async edit(label: string, change: (draft: T) => T | void): Promise<void> {
    const before = this.current();
    const draft = structuredClone(before);
    const next = change(draft) ?? draft;
    this.#history = record(this.#history, before, label);
    this.put(next);
    this.said = '';
    await workspace.saveDecisions();
  }

  async undo(): Promise<string | null> {
    const moved = undo(this.#history, this.current());
    if (!moved) return null;
    return this.move(moved.history, moved.state, `Undone: ${moved.label}`);
  }

  async redo(): Promise<string | null> {
    const moved = redo(this.#history, this.current());
    if (!moved) return null;
    return this.move(moved.history, moved.state, `Redone: ${moved.label}`);
  }

  private async move(history: History<T>, state: T, said: string) {
    this.#history = history;
    // The history keeps its snapshot untouched; the workspace gets a copy to make reactive.
    this.put(structuredClone(state));
    this.said = said;
    await workspace.saveDecisions();
    return said;
  }
}

export const scenarioEdits = new DecisionHistory<Scenario[]>(
  () => workspace.scenarios,
  (value) => (workspace.scenarios = value)
);

export const priorityEdits = new DecisionHistory<Priority[]>(
  () => workspace.priorities,
  (value) => (workspace.priorities = value)
);

/** A fresh id for a scenario or a priority. */
export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
