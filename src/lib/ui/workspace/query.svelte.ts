import type { Engine } from '$lib/core/engine/engine';
import { workspace } from './workspace.svelte';

/**
 * A view's data: runs `ask` against the engine once the workspace is ready, and again whenever
 * the data or the settings change (or whatever reactive state `ask` reads).
 */
export function useQuery<T>(ask: (engine: Engine) => Promise<T>) {
  const result = $state<{ data: T | undefined; error: string | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true
  });
  $effect(() => {
    void workspace.revision;
    const engine = workspace.engine;
    if (!engine || workspace.status === 'starting') return;
    let current = true;
    result.loading = true;
    ask(engine).then(
      (data) => {
        if (!current) return;
        result.data = data;
        result.error = null;
        result.loading = false;
      },
      (error) => {
        if (!current) return;
        result.error = error instanceof Error ? error.message : String(error);
        result.loading = false;
      }
    );
    return () => {
      current = false;
    };
  });
  return result;
}
