/** Bundles the bench's baseline page (bench/browser/) with Vite into bench/generated/browser/. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const SOURCE = fileURLToPath(new URL('../browser/', import.meta.url));
export const PAGE_DIR = fileURLToPath(new URL('../generated/browser/', import.meta.url));

const newest = (dir: string) => Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));

export async function ensureBenchPage(): Promise<void> {
  const built = join(PAGE_DIR, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs > newest(SOURCE)) return;
  await build({
    configFile: false,
    root: SOURCE,
    base: '/__bench/',
    logLevel: 'warn',
    build: { outDir: PAGE_DIR, emptyOutDir: true, assetsInlineLimit: 0, target: 'es2022' }
  });
}
