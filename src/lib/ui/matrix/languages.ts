/** Language codes as people read them: `ht` → `Haitian Creole`. Names written out stay as written. */
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function languageName(language: string): string {
  const code = language.trim();
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(code)) return code;
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `en;es;ht` → `English, Spanish, Haitian Creole`. */
export function languageList(languages: string | null | undefined): string {
  return (languages ?? '')
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(languageName)
    .join(', ');
}
