/**
 * File names for per-school reports. A school_id is whatever the district's file holds, so it
 * is made safe before it names a file:
 *
 * - every character outside `A–Z a–z 0–9 . _ -` becomes `_` (so no `/`, `\`, `:`, control or
 *   non-ASCII characters), and a name is at most 100 characters;
 * - a name that starts with `.` or `-` (`..`, a hidden file, something a shell reads as an
 *   option), is empty, or is a Windows device name (`CON`, `NUL`, `COM1`…) gets a leading `_`;
 * - two schools whose names would then be the same, even only in letter case (as on Windows and
 *   macOS disks), keep the first school's name and the later ones get `~2`, `~3`… in file order.
 *
 * An ordinary id such as `HC001` or `250123000456` is kept as it is.
 */

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_LENGTH = 100;

/** One id made safe for a path; see the module comment. Uniqueness is `schoolFileNames`' job. */
export function safeFileName(id: string): string {
  let name = id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, MAX_LENGTH);
  if (name === '' || /^[.-]/.test(name) || WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name;
}

/** school_id → base file name (no extension) for every school, each one different. */
export function schoolFileNames(ids: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const base = safeFileName(id);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}~${n}`;
    taken.add(name.toLowerCase());
    names.set(id, name);
  }
  return names;
}
