/**
 * A whole workspace in one file, to move it to another computer: a ZIP holding a manifest
 * (settings, mappings, scenarios, priorities, readiness, and the list of input files) and the
 * input files as they were loaded. Opening checks everything before anything is used, so a
 * damaged or foreign file is refused with a message.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { firstIssue, storedFileSchema, workspaceWorkSchema } from '../contract/workspace';

export const WORKSPACE_FORMAT = 'continuum-workspace';
/**
 * 2 added the value mappings and the chosen district. A version 1 file (without them) still
 * opens; a version 2 file is refused by an app that knows only 1, which would otherwise drop the
 * district and the mappings without a word and show a whole state, or refuse the staff file.
 */
export const WORKSPACE_VERSION = 2;
const READABLE_VERSIONS = [1, 2] as const;
const MANIFEST = 'continuum-workspace.json';

/** A kept file without its bytes, which are at `path` in the ZIP; its waves are learnt again on opening. */
const fileEntrySchema = storedFileSchema.omit({ data: true, waves: true }).extend({
  path: z.string().regex(/^files\/[^/]+$/)
});

const manifestSchema = workspaceWorkSchema.extend({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(READABLE_VERSIONS),
  saved_at: z.string(),
  files: z.array(fileEntrySchema)
});

type Manifest = z.infer<typeof manifestSchema>;
type FileEntry = z.infer<typeof fileEntrySchema>;

export type WorkspaceBundle = Omit<Manifest, 'format' | 'version' | 'saved_at' | 'files'> & {
  files: (Omit<FileEntry, 'path'> & { data: Uint8Array })[];
};

export function saveWorkspaceFile(bundle: WorkspaceBundle, savedAt = new Date()): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const files = bundle.files.map(({ data, ...file }, i) => {
    const path = `files/${i + 1}-${file.name.replace(/[^\w.-]+/g, '_')}`;
    entries[path] = data;
    return { ...file, path };
  });
  const manifest: Manifest = {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_VERSION,
    saved_at: savedAt.toISOString(),
    settings: bundle.settings,
    mappings: bundle.mappings,
    ...(bundle.valueMappings?.length ? { valueMappings: bundle.valueMappings } : {}),
    ...(bundle.district ? { district: bundle.district } : {}),
    scenarios: bundle.scenarios,
    priorities: bundle.priorities,
    readiness: bundle.readiness,
    files
  };
  entries[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(entries, { level: 6 });
}

export class WorkspaceFileRejected extends Error {}

/** Reads a workspace file; throws WorkspaceFileRejected, with a sentence for the user, if it is not one. */
export function openWorkspaceFile(name: string, data: Uint8Array): WorkspaceBundle & { saved_at: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data);
  } catch {
    throw new WorkspaceFileRejected(`${name} is not a Continuum workspace file (it is not a ZIP archive, or it is damaged).`);
  }
  if (!entries[MANIFEST]) throw new WorkspaceFileRejected(`${name} is a ZIP archive, but not a Continuum workspace file.`);
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(strFromU8(entries[MANIFEST])));
    if (!parsed.success) throw new WorkspaceFileRejected(`${name} cannot be opened: ${firstIssue(parsed.error, 'manifest')}.`);
    manifest = parsed.data;
  } catch (error) {
    if (error instanceof WorkspaceFileRejected) throw error;
    throw new WorkspaceFileRejected(`${name} cannot be opened: its manifest is damaged.`);
  }
  const files = manifest.files.map(({ path, ...file }) => {
    const content = entries[path];
    if (!content) throw new WorkspaceFileRejected(`${name} cannot be opened: ${file.name} is missing from it.`);
    return { ...file, data: content };
  });
  if (!files.some((f) => f.kind === 'schools')) throw new WorkspaceFileRejected(`${name} cannot be opened: it holds no schools file.`);
  const { format: _format, version: _version, ...rest } = manifest;
  return { ...rest, files };
}
