import type { Database } from '$lib/core/session/session';
import { workspace } from './workspace.svelte';

/**
 * A view's data: runs `ask` (a core query function) on the session's database once the workspace is ready, and again whenever
 * the data or the settings change (or whatever reactive state `ask` reads). Results are kept
 * raw, not deeply proxied: they are replaced whole, and a district has thousands of rows.
 */
export function useQuery<T>(ask: (db: Database) => Promise<T>) {
  let data = $state.raw<T | undefined>(undefined);
  let error = $state<string | null>(null);
  let loading = $state(true);
  $effect(() => {
    void workspace.revision;
    const db = workspace.database;
    if (!db || workspace.status === 'starting') return;
    let current = true;
    loading = true;
    ask(db).then(
      (result) => {
        if (!current) return;
        data = result;
        error = null;
        loading = false;
      },
      (failure) => {
        if (!current) return;
        error = failure instanceof Error ? failure.message : String(failure);
        loading = false;
      }
    );
    return () => {
      current = false;
    };
  });
  return {
    get data() {
      return data;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    }
  };
}
