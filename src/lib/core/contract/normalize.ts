/**
 * Header and vocabulary keys are compared after one normalization, the same in JS and in SQL
 * (see `sqlKey`), so a value typed in a spreadsheet matches the contract's names however it is
 * spaced, cased or punctuated.
 */

/**
 * `School ID`, `school_id`, ` school-id `, `SCHOOL_ID_` all become `school_id`; a trailing
 * bracketed qualifier (ELSI's `Latitude [Public School] 2022-23`) is dropped first.
 */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/(\S)\s*\[[^\[\]]*\][^\[\]]*$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Vocabulary key: lower case, every run of non-alphanumerics one `_`: `Check-in/Check-out` → `check_in_check_out`. */
export function valueKey(value: string): string {
  return value
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** The SQL twin of `valueKey`, for use on a column of raw text. */
export function sqlValueKey(expr: string): string {
  return `trim(regexp_replace(lower(trim(nfc_normalize(${expr}))), '[^\\p{L}\\p{N}]+', '_', 'g'), '_')`;
}
