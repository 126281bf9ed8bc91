import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InputFileKind } from '../lib/core/contract/files';
import { checkMappings } from '../lib/core/import/values';
import { parseMappings } from '../lib/core/contract/mappings';
import { toUtf8 } from '../lib/core/import/source';
import type { Problem } from '../lib/core/import/problems';
import type { LoadFile, Session } from '../lib/core/session/session';
import { BUILT_IN_SCALES } from '../lib/core/survey/builtin-scales';
import { mergeScales, parseScales, type Scales } from '../lib/core/survey/scales';
import { DEFAULT_TEMPLATE, parseTemplate, type SurveyTemplate } from '../lib/core/survey/template';

export interface InputPaths {
  schools: string;
  staff: string;
  services: string;
  needs?: string;
  /** Enrollment and coordinates in files of their own (CCD membership, EDGE geocodes). */
  enrollment?: string;
  locations?: string;
  /** Keep this district's schools out of a state file. */
  district?: string;
  /** What the district's own values mean: `file,column,value,means`. */
  mappings?: string;
  survey?: string;
  template?: string;
  /** A district's own scales file, beside the built-in scales. */
  scales?: string;
}

const TEMPLATES_DIR = fileURLToPath(new URL('../../survey-templates/', import.meta.url));

/** The scales in force: the built-in ones, with a district's own scales file (by path) merged in. */
export async function loadScales(path?: string): Promise<Scales> {
  if (!path) return BUILT_IN_SCALES;
  if (!existsSync(path)) throw new Error(`${path}: no such scales file`);
  return mergeScales(BUILT_IN_SCALES, parseScales(basename(path), await readFile(path, 'utf8')));
}

/** A template by name (a file in survey-templates/) or by path, its items' scales among the scales in force. */
export async function loadTemplate(nameOrPath = DEFAULT_TEMPLATE, scales: Scales = BUILT_IN_SCALES): Promise<SurveyTemplate> {
  const builtIn = resolve(TEMPLATES_DIR, `${nameOrPath}.csv`);
  const path = existsSync(nameOrPath) ? nameOrPath : builtIn;
  if (!existsSync(path)) throw new Error(`${nameOrPath}: no such template (a name in survey-templates/ or a path)`);
  return parseTemplate(basename(path), await readFile(path, 'utf8'), scales);
}

/** A mappings file as read from disk (any encoding a spreadsheet saves), checked against the vocabularies. */
function readMappings(name: string, data: Uint8Array) {
  const parsed = parseMappings(name, new TextDecoder().decode(toUtf8(data).data));
  return { mappings: parsed.mappings, errors: [...parsed.errors, ...checkMappings(name, parsed.mappings)] };
}

/**
 * Reads the files named on the command line and loads them through the session's one load path,
 * as the app does; every problem of every file is returned.
 */
export async function loadInputs(session: Session, paths: InputPaths): Promise<{ errors: Problem[]; warnings: Problem[]; files: string[] }> {
  const kinds = (['schools', 'enrollment', 'locations', 'staff', 'services', 'needs'] as InputFileKind[]).filter((k) => paths[k]);
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
  const mappingsSource = paths.mappings ? await read(paths.mappings) : undefined;
  if (errors.length) return { errors, warnings: [], files: [] };
  const mappings = mappingsSource ? readMappings(paths.mappings!, mappingsSource.data) : { mappings: [], errors: [] };
  if (mappings.errors.length) return { errors: mappings.errors, warnings: [], files: [] };

  const batch: LoadFile[] = sources.map(({ kind, source }) => ({ kind, source: source! }));
  if (surveySource) batch.push({ kind: 'survey', source: surveySource, template: await loadTemplate(paths.template, await loadScales(paths.scales)) });
  const outcome = await session.load(batch, { mappings: mappings.mappings, district: paths.district });
  const files = [...kinds.map((k) => paths[k]!), ...(paths.survey ? [paths.survey] : []), ...(paths.mappings ? [paths.mappings] : [])];
  return { errors: outcome.errors, warnings: outcome.warnings, files };
}
