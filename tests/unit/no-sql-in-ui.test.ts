/**
 * No SQL outside the core: every query the app needs is a named function in src/lib/core, tested
 * against DuckDB. The Svelte UI (src/lib/ui, src/routes) only calls those functions; it never
 * calls the engine, opens one, or writes a statement.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli';

const UI_FOLDERS = ['src/lib/ui', 'src/routes'];

const RULES: { what: string; pattern: RegExp }[] = [
  { what: 'imports the engine', pattern: /from\s+['"][^'"]*core\/engine\/[^'"]*['"]|import\(\s*['"][^'"]*core\/engine\// },
  { what: 'calls the engine', pattern: /\.(query|prepare|registerFile|registerBlob|dropFile)\s*[<(]|\.exec\(\s*[`'"]/ },
  {
    what: 'writes SQL',
    pattern:
      /\b(SELECT\s+(DISTINCT\s+)?[\w*"(]|INSERT\s+(OR\s+REPLACE\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+)?(TABLE|VIEW|SCHEMA)|DROP\s+(TABLE|VIEW|SCHEMA)|ALTER\s+TABLE|BEGIN\s+TRANSACTION|read_csv\s*\()/
  }
];

/** Each rule a source text breaks, with the line it breaks it on. */
function breaches(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const rule of RULES) if (rule.pattern.test(line)) found.push(`${i + 1}: ${rule.what}: ${line.trim()}`);
  });
  return found;
}

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
  });
}

describe('the UI', () => {
  it('tells a query, an engine call and an engine import from plain UI code', () => {
    expect(breaches("const rows = await db.query('SELECT school_id FROM schools');")).toHaveLength(2);
    expect(breaches('await engine.exec(`DELETE FROM staff`);')).toHaveLength(2);
    expect(breaches("import { createBrowserEngine } from '$lib/core/engine/browser';")).toHaveLength(1);
    expect(breaches("const m = /^change (\\d+)/.exec(text); // Select a school from the list")).toEqual([]);
    expect(breaches('const schools = useQuery((db) => schoolNames(db));')).toEqual([]);
  });

  it('calls the core for every query: no file under src/lib/ui or src/routes calls the engine or builds SQL', () => {
    const files = UI_FOLDERS.flatMap((f) => sources(join(REPO, f)));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((path) => breaches(readFileSync(path, 'utf8')).map((b) => `${relative(REPO, path)}:${b}`));
    expect(found).toEqual([]);
  });
});
