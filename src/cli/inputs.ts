import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../lib/core/engine/engine';
import type { FileKind } from '../lib/core/contract/files';
import { importDistrict } from '../lib/core/import/importer';
import type { Problem } from '../lib/core/import/problems';
import { importSurvey } from '../lib/core/survey/import';
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

/** Reads the files named on the command line into the engine; every problem of every file is returned. */
export async function loadInputs(engine: Engine, paths: InputPaths): Promise<{ errors: Problem[]; warnings: Problem[]; files: string[] }> {
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

  const district = await importDistrict(engine, sources.map(({ kind, source }) => ({ kind, source: source! })));
  const warnings = [...district.warnings];
  errors.push(...district.errors);
  if (surveySource && district.ok) {
    const survey = await importSurvey(engine, surveySource, await loadTemplate(paths.template));
    errors.push(...survey.errors);
    warnings.push(...survey.warnings);
  }
  const files = [...kinds.map((k) => paths[k]!), ...(paths.survey ? [paths.survey] : [])];
  return { errors, warnings, files };
}
