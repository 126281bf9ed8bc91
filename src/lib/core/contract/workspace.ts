/**
 * The workspace as it is kept: in this browser's IndexedDB and in a workspace file. Both are read
 * back through these schemas, made of the very ones each part is made with (settings, scenarios,
 * priorities, readiness), so a damaged or foreign record is refused with a message and never
 * reaches the model.
 */
import { z } from 'zod';
import { prioritySchema, readinessSchema } from '../plan/types';
import { scenarioSchema } from '../scenario/types';
import { FILE_KINDS, PART_KINDS } from './files';
import { MAPPING_FILES } from './mappings';
import { settingsSchema } from './settings';

/** One loaded file as it is kept: its bytes and how it was read. */
export const storedFileSchema = z.object({
  kind: z.enum([...FILE_KINDS, ...PART_KINDS, 'survey']),
  name: z.string().min(1),
  /** The bytes, or for a large file the File itself (IndexedDB keeps it without reading it). */
  data: z.custom<Uint8Array | Blob>((v) => v instanceof Uint8Array || v instanceof Blob, 'is not the file’s bytes'),
  mapping: z.record(z.string(), z.string()).optional(),
  excludeRows: z.array(z.number().int().positive()).optional(),
  /** Survey files: the template and wave they were loaded with. */
  template: z.string().optional(),
  wave: z.string().optional(),
  /** The waves this survey file holds, learnt when it loaded: files of other waves are kept beside it. */
  waves: z.array(z.string().nullable()).optional()
});

export type StoredFile = z.infer<typeof storedFileSchema>;

/** What one of the district's own values means, as the user confirmed it (the mappings file's row). */
export const valueMappingSchema = z.object({
  file: z.enum(MAPPING_FILES),
  column: z.string().min(1),
  value: z.string().min(1),
  means: z.string().min(1)
});

/** What the team made beside its files. */
export const workspaceWorkSchema = z.object({
  settings: settingsSchema,
  /** Header mappings made by hand, remembered for the next file with the same header. */
  mappings: z.record(z.string(), z.string()),
  /**
   * What the district's own values mean (`School Psychologist II` is a school psychologist,
   * `Teacher` rows are left out), as the user confirmed them: every load passes them, so the kept
   * files load again as they did and the next file with the same values needs no choice. Absent
   * in workspaces kept before there were any.
   */
  valueMappings: z.array(valueMappingSchema).optional(),
  /** The district chosen out of a state's schools file (its district_id); absent: the whole file. */
  district: z.string().min(1).optional(),
  scenarios: z.array(scenarioSchema),
  priorities: z.array(prioritySchema),
  readiness: readinessSchema
});

export const storedWorkspaceSchema = workspaceWorkSchema.partial({ scenarios: true, priorities: true, readiness: true }).extend({
  /** Empty while the team works on the sample district, which is fetched again instead. */
  files: z.array(storedFileSchema)
});

export type StoredWorkspace = z.infer<typeof storedWorkspaceSchema>;

/** The first thing wrong, where it is: `scenarios.0.changes.1.type: Invalid input`. */
export function firstIssue(error: z.ZodError, whole: string): string {
  const [issue] = error.issues;
  return `${issue.path.join('.') || whole}: ${issue.message}`;
}

/** A workspace read back from this browser's storage; undefined where none is kept. */
export function readStoredWorkspace(value: unknown): StoredWorkspace | undefined {
  if (value === undefined) return undefined;
  const parsed = storedWorkspaceSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The workspace kept in this browser cannot be read (${firstIssue(parsed.error, 'workspace')}).`);
  return parsed.data;
}
