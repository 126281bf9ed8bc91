import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileKind } from '../../src/lib/core/contract/files';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import type { Engine } from '../../src/lib/core/engine/engine';
import { importDistrict, type DistrictFile } from '../../src/lib/core/import/importer';
import { prepareModel } from '../../src/lib/core/model/model';
import type { SourceFile } from '../../src/lib/core/import/source';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data');

/** A fresh engine with the model's tables and views, as the app and the command line open it. */
export async function openEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  await prepareModel(engine);
  return engine;
}

/** A source from text, named as a user's file would be. */
export function text(name: string, content: string): SourceFile {
  return { name, data: new TextEncoder().encode(content) };
}

/** A source read from disk, named by its file name. */
export function file(path: string): SourceFile {
  return { name: basename(path), data: new Uint8Array(readFileSync(path)) };
}

export function files(sources: Partial<Record<FileKind, SourceFile>>): DistrictFile[] {
  return Object.entries(sources).map(([kind, source]) => ({ kind: kind as FileKind, source: source! }));
}

export async function load(engine: Engine, sources: Partial<Record<FileKind, SourceFile>>) {
  return importDistrict(engine, files(sources));
}
