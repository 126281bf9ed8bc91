/**
 * Undo and redo for the workshop's decisions, as a bounded history of snapshots. A snapshot is
 * the whole edited value (all scenarios, or all priorities): they are small, and restoring a
 * snapshot cannot drift the way replaying operations backwards can.
 *
 * Pure and immutable: every function returns a new history and never changes its arguments.
 * The caller hands in snapshots it will not mutate afterwards (e.g. `$state.snapshot(...)`).
 */

export interface Step<T> {
  /** What the edit did, in the team's words ("Add 1 FTE school psychologist at Alpha"). */
  label: string;
  /** In `past`: the value before the edit. In `future`: the value after it. */
  state: T;
}

export interface History<T> {
  readonly past: readonly Step<T>[];
  readonly future: readonly Step<T>[];
  /** The most steps that can be undone; the oldest are forgotten first. */
  readonly limit: number;
}

export interface Moved<T> {
  history: History<T>;
  /** The value to put in place. */
  state: T;
  /** The edit that was undone or redone. */
  label: string;
}

export const HISTORY_LIMIT = 100;

export function createHistory<T>(limit = HISTORY_LIMIT): History<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a history needs a limit of at least 1 step, not ${limit}`);
  return { past: [], future: [], limit };
}

/** Records an edit about to happen: `before` is the value as it was. A new edit ends any redo. */
export function record<T>(history: History<T>, before: T, label: string): History<T> {
  const past = [...history.past, { label, state: before }];
  return { ...history, past: past.slice(Math.max(0, past.length - history.limit)), future: [] };
}

/** Steps back one edit: returns the value before it, or null when there is nothing to undo. */
export function undo<T>(history: History<T>, current: T): Moved<T> | null {
  const last = history.past.at(-1);
  if (!last) return null;
  return {
    history: { ...history, past: history.past.slice(0, -1), future: [...history.future, { label: last.label, state: current }] },
    state: last.state,
    label: last.label
  };
}

/** Steps forward again after an undo, or null when there is nothing to redo. */
export function redo<T>(history: History<T>, current: T): Moved<T> | null {
  const next = history.future.at(-1);
  if (!next) return null;
  return {
    history: { ...history, past: [...history.past, { label: next.label, state: current }], future: history.future.slice(0, -1) },
    state: next.state,
    label: next.label
  };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;

/** The edit an undo would take back, for the button's name. */
export const undoLabel = (history: History<unknown>) => history.past.at(-1)?.label ?? null;
export const redoLabel = (history: History<unknown>) => history.future.at(-1)?.label ?? null;
