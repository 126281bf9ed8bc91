/**
 * Every school's report, HTML and DOCX, under safe file names (see ./files.ts), and all of them
 * in one ZIP for the app's download.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { schoolDocx } from './docx';
import { schoolFileNames } from './files';
import { schoolHtml } from './html';
import type { Report } from './model';

/** `<prefix><safe school id>.html` and `.docx` for every school, in the report's order. */
export async function schoolFiles(report: Report, prefix = ''): Promise<Record<string, string | Uint8Array>> {
  const names = schoolFileNames(report.schools.map((s) => s.school_id));
  const files: Record<string, string | Uint8Array> = {};
  for (const school of report.schools) {
    const name = `${prefix}${names.get(school.school_id)}`;
    files[`${name}.html`] = schoolHtml(report, school);
    files[`${name}.docx`] = await schoolDocx(report, school);
  }
  return files;
}

/** The per-school reports as one ZIP; entries are dated with the report's date, not the clock. */
export async function schoolsZip(report: Report): Promise<Uint8Array> {
  const mtime = new Date(`${report.district.made}T12:00:00Z`);
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(await schoolFiles(report))) {
    // DOCX is already deflated: storing it again saves the time of a second pass.
    entries[name] = typeof content === 'string' ? [strToU8(content), { mtime }] : [content, { mtime, level: 0 }];
  }
  return zipSync(entries);
}
