import Papa from 'papaparse';
import { z } from 'zod';
import { SCALES } from '../contract/survey';

export const templateItemSchema = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an id is letters, digits and _'),
  construct: z.string().min(1),
  text_en: z.string().min(1),
  text_es: z.string().min(1),
  scale: z.string().refine((s) => s in SCALES, { message: `scale must be one of ${Object.keys(SCALES).join(', ')}` })
});

export type TemplateItem = z.infer<typeof templateItemSchema>;

export interface SurveyTemplate {
  name: string;
  items: TemplateItem[];
  /** Constructs in the order they first appear. */
  constructs: string[];
}

export const DEFAULT_TEMPLATE = 'family-midyear';

/** Parses a template CSV (see survey-templates/README.md); throws with the row of the first bad item. */
export function parseTemplate(name: string, text: string): SurveyTemplate {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const items = parsed.data.map((row, i) => {
    const result = templateItemSchema.safeParse(Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim(), v?.trim()])));
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
  return { name, items, constructs: [...new Set(items.map((i) => i.construct))] };
}
