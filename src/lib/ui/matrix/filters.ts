import type { MatrixFilters } from '$lib/core/model/matrix';

export type YesNoAny = 'any' | 'yes' | 'no';

/** The matrix's filters as the form holds them: every choice a string, "any" meaning no filter. */
export interface FilterChoice {
  language: string;
  diagnosis: YesNoAny;
  agreement: YesNoAny;
  providerType: '' | 'school' | 'community';
  tier: string;
}

export const NO_FILTER: FilterChoice = { language: '', diagnosis: 'any', agreement: 'any', providerType: '', tier: '' };

const yesNo = (v: YesNoAny) => (v === 'any' ? undefined : v === 'yes');

export function toMatrixFilters(choice: FilterChoice): MatrixFilters {
  return {
    language: choice.language || undefined,
    requiresDiagnosis: yesNo(choice.diagnosis),
    agreement: yesNo(choice.agreement),
    providerType: choice.providerType || undefined,
    tier: choice.tier ? Number(choice.tier) : undefined
  };
}

export const isFiltered = (choice: FilterChoice) =>
  (Object.keys(NO_FILTER) as (keyof FilterChoice)[]).some((k) => choice[k] !== NO_FILTER[k]);
