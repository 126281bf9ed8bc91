import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileKind } from '../lib/core/contract/files';
import type { Problem } from '../lib/core/import/problems';
import type { LoadFile, Session } from '../lib/core/session/session';
import { DEFAULT_TEMPLATE, parseTemplate, type SurveyTemplate } from '../lib/core/survey/template';

export interface InputPaths {
  schools: string;
  staff: string;
  services: string;
  needs?: string;
  survey?: string;
  template?: string;
}

const TEMPLATES_DIR = fileURLToPath(new URL('../../survey-templates/', import.meta.url));

/** A template by name (a file in survey-templates/) or by path. */
export async function loadTemplate(nameOrPath = DEFAULT_TEMPLATE): Promise<SurveyTemplate> {
  const builtIn = resolve(TEMPLATES_DIR, `${nameOrPath}.csv`);
  const path = existsSync(nameOrPath) ? nameOrPath : builtIn;
  if (!existsSync(path)) throw new Error(`${nameOrPath}: no such template (a name in survey-templates/ or a path)`);
  return parseTemplate(basename(path), await readFile(path, 'utf8'));
}

/**
 * Reads the files named on the command line and loads them through the session's one load path,
 * as the app does; every problem of every file is returned.
 */
export async function loadInputs(session: Session, paths: InputPaths): Promise<{ errors: Problem[]; warnings: Problem[]; files: string[] }> {
  const kinds = (['schools', 'staff', 'services', 'needs'] as FileKind[]).filter((k) => paths[k]);
  const errors: Problem[] = [];
  const read = async (path: string) => {
    try {
      return { name: path, data: new Uint8Array(await readFile(path)) };
    } catch (error) {
      errors.push({ file: path, row: 0, message: `cannot be opened: ${(error as NodeJS.ErrnoException).code ?? error}`, severity: 'error' });
      return undefined;
    }
  };
  const sources = await Promise.all(kinds.map(async (kind) => ({ kind, source: await read(paths[kind]!) })));
  const surveySource = paths.survey ? await read(paths.survey) : undefined;
  if (errors.length) return { errors, warnings: [], files: [] };

  const batch: LoadFile[] = sources.map(({ kind, source }) => ({ kind, source: source! }));
  if (surveySource) batch.push({ kind: 'survey', source: surveySource, template: await loadTemplate(paths.template) });
  const outcome = await session.load(batch);
  const files = [...kinds.map((k) => paths[k]!), ...(paths.survey ? [paths.survey] : [])];
  return { errors: outcome.errors, warnings: outcome.warnings, files };
}
