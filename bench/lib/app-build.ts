/**
 * The built app the browser figures run against, built from the working tree into a folder of
 * the bench's own (bench/generated/app/build). The shared build/ folder is never touched: other
 * people's test runs serve it, and `vite build` there would swap files under them. SvelteKit
 * writes to build/ and .svelte-kit/ beside its config, so the app's sources are copied into
 * bench/generated/app/ (node_modules linked, not copied) and built there. A fingerprint of the
 * sources (paths, sizes, modification times) skips the build when nothing changed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const APP_DIR = fileURLToPath(new URL('../generated/app/', import.meta.url));
export const APP_BUILD = join(APP_DIR, 'build');
/** What `vite build` reads: the app, its static files, the sample and templates it bundles, and the configs. */
const SOURCES = ['src', 'static', 'sample-data', 'survey-templates', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json'];
const STAMP = join(APP_DIR, 'fingerprint.txt');

function walk(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path).sort()) walk(join(path, entry), out);
  } else {
    out.push(`${relative(ROOT, path)}:${stat.size}:${Math.floor(stat.mtimeMs)}`);
  }
}

function fingerprint(): string {
  const lines: string[] = [];
  for (const source of SOURCES) walk(join(ROOT, source), lines);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Builds the app into bench/generated/app/build unless a build of the same sources is there. */
export async function ensureAppBuild(log: (line: string) => void, reuse = false): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  const print = fingerprint();
  const present = existsSync(join(APP_BUILD, 'index.html'));
  // `reuse`: keep the build that is there even if the sources moved on (for quick reruns).
  if (present && (reuse || (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === print))) {
    return { built: false, ms: performance.now() - started };
  }
  log('  building the app (vite build, in bench/generated/app)…');
  mkdirSync(APP_DIR, { recursive: true });
  for (const source of [...SOURCES, 'build', '.svelte-kit']) rmSync(join(APP_DIR, source), { recursive: true, force: true });
  for (const source of SOURCES) {
    if (existsSync(join(ROOT, source))) cpSync(join(ROOT, source), join(APP_DIR, source), { recursive: true, preserveTimestamps: true });
  }
  if (!existsSync(join(APP_DIR, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(APP_DIR, 'node_modules'), 'dir');
  const { code, output } = await run(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], APP_DIR);
  if (code !== 0) throw new Error(`vite build failed:\n${output.slice(-3000)}`);
  writeFileSync(STAMP, print);
  return { built: true, ms: performance.now() - started };
}
