import Papa from 'papaparse';
import { z } from 'zod';
import type { Scales } from './scales';

/** A template item's columns; `scale` must name a scale in force (see `parseTemplate`). */
function templateItemSchema(scales: Scales) {
  const names = Object.keys(scales);
  return z.object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an id is letters, digits and _'),
    construct: z.string().min(1),
    text_en: z.string().min(1),
    text_es: z.string().min(1),
    scale: z.string().refine((s) => Object.hasOwn(scales, s), { message: `scale must be one of ${names.join(', ')}` })
  });
}

export type TemplateItem = z.infer<ReturnType<typeof templateItemSchema>>;

export interface SurveyTemplate {
  name: string;
  items: TemplateItem[];
  /** Constructs in the order they first appear. */
  constructs: string[];
  /** The scales its items name, as they were in force when it was read: the survey is scored with these. */
  scales: Scales;
}

export const DEFAULT_TEMPLATE = 'family-midyear';

/**
 * Parses a template CSV (see survey-templates/README.md) against the scales in force (the
 * built-in ones, with a district's own merged in); throws with the row of the first bad item.
 */
export function parseTemplate(name: string, text: string, scales: Scales): SurveyTemplate {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const schema = templateItemSchema(scales);
  const items = parsed.data.map((row, i) => {
    const result = schema.safeParse(Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim(), v?.trim()])));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${name}:${i + 2}: ${issue.path.join('.') || 'row'}: ${issue.message}`);
    }
    return result.data;
  });
  if (items.length === 0) throw new Error(`${name}: the template lists no items`);
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Error(`${name}: item id "${item.id}" appears twice`);
    ids.add(item.id);
  }
  const used = [...new Set(items.map((i) => i.scale))];
  return { name, items, constructs: [...new Set(items.map((i) => i.construct))], scales: Object.fromEntries(used.map((s) => [s, scales[s]])) };
}
