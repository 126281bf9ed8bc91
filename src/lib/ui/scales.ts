/**
 * Coverage classes and their colours: an orange–purple diverging scheme that readers with the
 * common colour-vision deficiencies can tell apart, always paired with a label.
 */
export interface CoverageClass {
  label: string;
  color: string;
  text: string;
  test: (coverage: number | null) => boolean;
}

export const COVERAGE_CLASSES: CoverageClass[] = [
  { label: 'under 50% covered', color: '#b35806', text: '#fff', test: (c) => c !== null && c < 0.5 },
  { label: '50–79% covered', color: '#f1a340', text: '#000', test: (c) => c !== null && c >= 0.5 && c < 0.8 },
  { label: '80–99% covered', color: '#998ec3', text: '#000', test: (c) => c !== null && c >= 0.8 && c < 1 },
  { label: 'fully covered', color: '#542788', text: '#fff', test: (c) => c !== null && c >= 1 },
  { label: 'no need counted', color: '#bdbdbd', text: '#000', test: (c) => c === null }
];

export function coverageClass(coverage: number | null): CoverageClass {
  return COVERAGE_CLASSES.find((k) => k.test(coverage)) ?? COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1];
}
