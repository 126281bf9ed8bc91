/**
 * Values that are not in a vocabulary: checking what a mappings file says they mean, and
 * suggesting a meaning where the words leave no doubt (`Licensed Clinical Social Worker` is a
 * school social worker, `Teacher` is left out). A suggestion is only ever offered; the user confirms.
 */
import { INPUT_FILES, type ColumnSpec } from '../contract/files';
import { LEAVE_OUT, MISSING, isLeaveOut, isMissing, type ValueMapping } from '../contract/mappings';
import { valueKey } from '../contract/normalize';
import type { Problem } from './problems';
import { acceptedText, vocabularyAccepts } from './sql';

function columnOf(mapping: ValueMapping): ColumnSpec | undefined {
  return mapping.file === 'survey' ? undefined : INPUT_FILES[mapping.file].columns.find((c) => c.name === mapping.column);
}

/** Each mapping whose `means` its column cannot take: `role` must be a role, a survey answer a scale value. */
export function checkMappings(name: string, mappings: ValueMapping[]): Problem[] {
  const problems: Problem[] = [];
  mappings.forEach((m, i) => {
    const fail = (message: string) => problems.push({ file: name, row: i + 2, column: 'means', message, severity: 'error' });
    if (isLeaveOut(m.means)) return;
    if (m.file === 'survey') {
      if (isMissing(m.means) || m.column === 'school') return;
      if (!/^\d+$/.test(m.means.trim())) fail(`"${m.means}" is not an answer value (a whole number on the item's scale), "${MISSING}" or "${LEAVE_OUT}"`);
      return;
    }
    const column = columnOf(m);
    if (column && !vocabularyAccepts(column.type, m.means)) {
      fail(`"${m.means}" is not a value of ${m.column} (${acceptedText(column.type) ?? 'see the data contract'}) nor "${LEAVE_OUT}"`);
    }
  });
  return problems;
}

const words = (text: string) => valueKey(text).split('_').filter(Boolean);

/** Titles and words that name a role; abbreviations are whole words. */
const ROLE_WORDS: { role: string; phrases: string[][]; abbreviations: string[] }[] = [
  { role: 'school_psychologist', phrases: [['psychologist'], ['psych']], abbreviations: ['ncsp', 'lsp', 'lssp'] },
  { role: 'school_counselor', phrases: [['counselor'], ['counsellor'], ['guidance']], abbreviations: [] },
  { role: 'school_social_worker', phrases: [['social', 'worker'], ['social', 'work']], abbreviations: ['lcsw', 'msw', 'lmsw', 'lisw', 'sw'] },
  { role: 'school_nurse', phrases: [['nurse'], ['nursing']], abbreviations: ['rn', 'lpn', 'lvn', 'bsn'] }
];

/** Jobs in a full HR roster that are not school-employed mental health staff. */
const NOT_MENTAL_HEALTH_STAFF = [
  'teacher', 'teaching', 'instructor', 'custodian', 'custodial', 'janitor', 'principal', 'superintendent', 'paraprofessional',
  'para', 'aide', 'secretary', 'clerk', 'librarian', 'media', 'coach', 'driver', 'bus', 'cafeteria', 'food', 'nutrition',
  'cook', 'maintenance', 'grounds', 'administrator', 'director', 'technician', 'technology', 'security', 'officer', 'substitute',
  'speech', 'occupational', 'physical', 'interpreter', 'registrar', 'bookkeeper', 'accountant', 'receptionist'
];

function suggestRole(value: string): string | undefined {
  const tokens = words(value);
  const has = (phrase: string[]) => tokens.some((_, i) => phrase.every((w, j) => tokens[i + j] === w || (w === 'psych' && tokens[i + j]?.startsWith('psych'))));
  const roles = ROLE_WORDS.filter((r) => r.phrases.some(has) || r.abbreviations.some((a) => tokens.includes(a))).map((r) => r.role);
  const other = NOT_MENTAL_HEALTH_STAFF.some((w) => tokens.includes(w));
  if (roles.length === 1 && !other) return roles[0];
  if (roles.length === 0 && other) return LEAVE_OUT;
  return undefined;
}

function suggestTier(value: string): string | undefined {
  const tokens = words(value);
  const found = new Set<string>();
  tokens.forEach((t, i) => {
    const tier = /^t?([123])$/.exec(t)?.[1] ?? { i: '1', ii: '2', iii: '3' }[t] ?? { universal: '1', targeted: '2', secondary: '2', intensive: '3', tertiary: '3' }[t];
    // `I` alone is a word in English; a roman numeral counts only after "tier".
    if (tier && (!/^i+$/.test(t) || tokens[i - 1] === 'tier')) found.add(tier);
  });
  return found.size === 1 ? [...found][0] : undefined;
}

function suggestProviderType(value: string): string | undefined {
  const tokens = words(value);
  const school = ['school', 'district', 'employee', 'staff', 'internal'].some((w) => tokens.includes(w));
  const community = ['community', 'agency', 'external', 'partner', 'contracted', 'contractor', 'cbo', 'nonprofit', 'clinic'].some((w) => tokens.includes(w));
  return school !== community ? (school ? 'school' : 'community') : undefined;
}

function suggestYesNo(value: string): string | undefined {
  const first = words(value)[0];
  return ['yes', 'y', 'si', 'sí', 'signed', 'true'].includes(first ?? '') ? 'yes' : ['no', 'n', 'none', 'false'].includes(first ?? '') ? 'no' : undefined;
}

/** Abbreviations in school names as families and rosters write them. */
const NAME_WORDS: Record<string, string> = { elem: 'elementary', el: 'elementary', es: 'elementary', ms: 'middle', hs: 'high', jr: 'junior', sr: 'senior', sch: 'school', st: 'saint', mt: 'mount', acad: 'academy', ctr: 'center', intl: 'international' };
const NAME_FILLER = new Set(['school', 'the', 'of', 'escuela', 'de', 'la', 'el']);

const nameTokens = (name: string) =>
  words(name)
    .map((w) => NAME_WORDS[w] ?? w)
    .filter((w) => !NAME_FILLER.has(w));

/**
 * The school a written name can only mean: every word of it (abbreviations expanded) begins a
 * word of exactly one school's name, in order.
 */
export function suggestSchool(value: string, schools: { school_id: string; school_name: string }[]): string | undefined {
  const wanted = nameTokens(value);
  if (!wanted.length) return undefined;
  const matches = schools.filter((s) => {
    const have = nameTokens(s.school_name);
    let at = 0;
    return wanted.every((w) => {
      while (at < have.length && !have[at].startsWith(w)) at++;
      return at++ < have.length;
    });
  });
  return matches.length === 1 ? matches[0].school_id : undefined;
}

/** A suggested meaning for an unknown value of a district file's vocabulary column, where the words leave no doubt. */
export function suggestMeaning(column: ColumnSpec, value: string, schools: { school_id: string; school_name: string }[] = []): string | undefined {
  switch (column.type) {
    case 'role':
      return suggestRole(value);
    case 'tier':
      return suggestTier(value);
    case 'provider_type':
      return suggestProviderType(value);
    case 'yes_no':
      return suggestYesNo(value);
    case 'school_ref':
      return suggestSchool(value, schools);
    default:
      return undefined;
  }
}

/** The meanings a user may choose for an unknown value of a district file's column. */
export function meaningChoices(column: ColumnSpec): { value: string; label: string }[] | undefined {
  const leave = { value: LEAVE_OUT, label: 'Leave these rows out' };
  switch (column.type) {
    case 'role':
      return [
        { value: 'school_psychologist', label: 'School psychologist' },
        { value: 'school_counselor', label: 'School counselor' },
        { value: 'school_social_worker', label: 'School social worker' },
        { value: 'school_nurse', label: 'School nurse' },
        leave
      ];
    case 'tier':
      return [
        { value: '1', label: 'Tier 1 (universal)' },
        { value: '2', label: 'Tier 2 (targeted)' },
        { value: '3', label: 'Tier 3 (intensive)' },
        leave
      ];
    case 'provider_type':
      return [{ value: 'school', label: 'School (district staff)' }, { value: 'community', label: 'Community partner' }, leave];
    case 'yes_no':
      return [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }, leave];
    case 'school_ref':
      return [leave];
    default:
      return undefined;
  }
}

