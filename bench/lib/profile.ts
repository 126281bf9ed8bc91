/** An engine that times each statement it runs, to say where a slow figure spends its time. */
import type { Engine } from '../../src/lib/core/engine/engine';

export interface Statement {
  sql: string;
  ms: number;
}

export function profiled(engine: Engine): { engine: Engine; take(): Statement[] } {
  let statements: Statement[] = [];
  const timedCall = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      statements.push({ sql, ms: performance.now() - started });
    }
  };
  return {
    engine: {
      ...engine,
      query: (sql) => timedCall(sql, () => engine.query(sql)),
      exec: (sql) => timedCall(sql, () => engine.exec(sql)),
      registerFile: (name, data) => engine.registerFile(name, data),
      dropFile: (name) => engine.dropFile(name),
      close: () => engine.close()
    },
    take() {
      const taken = statements;
      statements = [];
      return taken;
    }
  };
}

/** The `n` costliest statements, as "`CREATE … stage_survey_raw`: 12.3 s (41%)". */
export function costliest(statements: Statement[], n = 3): string {
  const total = statements.reduce((s, x) => s + x.ms, 0);
  return [...statements]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((s) => `\`${s.sql.replace(/\s+/g, ' ').trim().slice(0, 70)}…\` ${(s.ms / 1000).toFixed(1)} s (${Math.round((100 * s.ms) / total)}%)`)
    .join('; ');
}
