/** Search that forgives case and accents: "pierre louis" finds "Marguerite Pierre-Louis". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function matchesSearch(query: string, ...texts: (string | null | undefined)[]): boolean {
  const words = searchKey(query).split(' ').filter(Boolean);
  if (!words.length) return true;
  const haystack = texts.map((t) => searchKey(t ?? '')).join(' ');
  return words.every((w) => haystack.includes(w));
}
