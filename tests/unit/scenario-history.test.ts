import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, HISTORY_LIMIT, record, redo, redoLabel, undo, undoLabel, type History } from '../../src/lib/core/scenario/history';

/** An editor over a list of numbers that keeps its history the way the pages do. */
function editor(limit?: number) {
  let value: number[] = [];
  let history: History<number[]> = createHistory(limit);
  return {
    get value() {
      return value;
    },
    get history() {
      return history;
    },
    edit(label: string, next: number[]) {
      history = record(history, value, label);
      value = next;
    },
    undo() {
      const moved = undo(history, value);
      if (!moved) return null;
      ({ history, state: value } = moved);
      return moved.label;
    },
    redo() {
      const moved = redo(history, value);
      if (!moved) return null;
      ({ history, state: value } = moved);
      return moved.label;
    }
  };
}

describe('decision history', () => {
  it('starts with nothing to undo or redo', () => {
    const h = createHistory<string>();
    expect([canUndo(h), canRedo(h), undoLabel(h), redoLabel(h)]).toEqual([false, false, null, null]);
    expect(undo(h, 'now')).toBeNull();
    expect(redo(h, 'now')).toBeNull();
    expect(h.limit).toBe(HISTORY_LIMIT);
  });

  it('undo puts back the value before each edit, newest first, and redo replays them', () => {
    const e = editor();
    e.edit('add 1', [1]);
    e.edit('add 2', [1, 2]);
    e.edit('remove 1', [2]);
    expect(undoLabel(e.history)).toBe('remove 1');
    expect(e.undo()).toBe('remove 1');
    expect(e.value).toEqual([1, 2]);
    expect(e.undo()).toBe('add 2');
    expect(e.value).toEqual([1]);
    expect(redoLabel(e.history)).toBe('add 2');
    expect(e.redo()).toBe('add 2');
    expect(e.value).toEqual([1, 2]);
    expect(e.redo()).toBe('remove 1');
    expect(e.value).toEqual([2]);
    expect(e.redo()).toBeNull();
    expect(e.value).toEqual([2]);
  });

  it('a new edit after an undo ends the redo', () => {
    const e = editor();
    e.edit('add 1', [1]);
    e.edit('add 2', [1, 2]);
    e.undo();
    e.edit('add 3', [1, 3]);
    expect(canRedo(e.history)).toBe(false);
    expect(e.undo()).toBe('add 3');
    expect(e.value).toEqual([1]);
    expect(e.undo()).toBe('add 1');
    expect(e.value).toEqual([]);
    expect(e.undo()).toBeNull();
  });

  it('keeps at most `limit` steps, forgetting the oldest', () => {
    const e = editor(100);
    for (let i = 1; i <= 101; i++) e.edit(`add ${i}`, [i]);
    expect(e.history.past).toHaveLength(100);
    let undone = 0;
    while (e.undo()) undone++;
    expect(undone).toBe(100);
    // The first edit is forgotten: its "before" ([]) can no longer be reached.
    expect(e.value).toEqual([1]);
    let redone = 0;
    while (e.redo()) redone++;
    expect(redone).toBe(100);
    expect(e.value).toEqual([101]);
  });

  it('refuses a limit below one step', () => {
    expect(() => createHistory(0)).toThrow(RangeError);
    expect(() => createHistory(1.5)).toThrow(RangeError);
  });

  it('never changes the history or the values it is given', () => {
    const before = Object.freeze([1]);
    const h0 = createHistory<readonly number[]>(3);
    const h1 = record(h0, before, 'add 2');
    expect(h0.past).toHaveLength(0);
    const moved = undo(h1, Object.freeze([1, 2]))!;
    expect(h1.past).toHaveLength(1);
    expect(h1.future).toHaveLength(0);
    expect(moved.state).toBe(before);
    expect(redo(moved.history, moved.state)!.state).toEqual([1, 2]);
    expect(moved.history.future).toHaveLength(1);
  });

  it('matches a plain model under any mix of edits, undos and redos', () => {
    const op = fc.oneof(fc.constant<'undo'>('undo'), fc.constant<'redo'>('redo'), fc.integer({ min: 0, max: 9 }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (limit, ops) => {
        const e = editor(limit);
        // The model: every value the editor has held, and where it stands among them.
        let timeline: number[][] = [[]];
        let at = 0;
        let floor = 0; // the oldest value still reachable by undo
        for (const o of ops) {
          if (o === 'undo') {
            const label = e.undo();
            expect(label === null).toBe(at === floor);
            if (at > floor) at--;
          } else if (o === 'redo') {
            const label = e.redo();
            expect(label === null).toBe(at === timeline.length - 1);
            if (at < timeline.length - 1) at++;
          } else {
            const next = [...timeline[at], o];
            e.edit(`add ${o}`, next);
            timeline = [...timeline.slice(0, at + 1), next];
            at++;
            floor = Math.max(floor, at - limit);
          }
          expect(e.value).toEqual(timeline[at]);
          expect(e.history.past.length).toBe(at - floor);
          expect(e.history.past.length).toBeLessThanOrEqual(limit);
        }
      })
    );
  });
});
