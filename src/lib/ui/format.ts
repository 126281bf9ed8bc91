/** How figures read on screen (exports use core/export/format.ts, which never adds separators). */
import { ROLES, serviceLabel, TIER_NAMES, type Tier } from '$lib/core/contract/vocabulary';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 });

export const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : whole.format(n));
export const decimal = (n: number | null | undefined) => (n === null || n === undefined ? '—' : oneDecimal.format(n));
export const fte = (n: number | null | undefined) => (n === null || n === undefined ? '—' : twoDecimals.format(n));
export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${whole.format(share * 100)}%`;
export const ratio = (studentsPerFte: number | null | undefined) =>
  studentsPerFte === null || studentsPerFte === undefined ? 'no one' : `1:${whole.format(studentsPerFte)}`;

export const roleLabel = (role: string) => ROLES.find((r) => r.role === role)?.label ?? role;
export const roleStandard = (role: string) => ROLES.find((r) => r.role === role)?.standard ?? '';
export const tierName = (tier: number) => TIER_NAMES[tier as Tier] ?? `Tier ${tier}`;
export { serviceLabel };
