/**
 * The meanings a user may choose for a survey answer or school name the file writes its own way
 * (`Totally agree`, `Adams Elem.`): an answer is a point of the item's scale, no answer, or a
 * response to leave out; a school name is one of the loaded schools, or left out.
 */
import { LEAVE_OUT, MISSING } from '../contract/mappings';
import { valueKey } from '../contract/normalize';
import { suggestSchool } from '../import/values';
import type { SurveyTemplate } from './template';

export interface SurveyMeaning {
  value: string;
  label: string;
}

/** For `mapAs` an item id: its scale's points, no answer, leave out. For `school`: the schools, leave out. */
export function surveyMeaningChoices(template: SurveyTemplate, mapAs: string, schools: { school_id: string; school_name: string }[] = []): SurveyMeaning[] {
  const leave = { value: LEAVE_OUT, label: 'Leave these responses out' };
  if (mapAs === 'school') return [...schools.map((s) => ({ value: s.school_id, label: s.school_name })), leave];
  const item = template.items.find((i) => i.id === mapAs);
  const scale = item && template.scales[item.scale];
  if (!scale) return [{ value: MISSING, label: 'No answer' }, leave];
  return [...scale.points.map((p) => ({ value: String(p.value), label: `${p.value} ${p.en}` })), { value: MISSING, label: 'No answer' }, leave];
}

/**
 * A suggested meaning where the words leave no doubt: a school name that can only be one school;
 * an answer that begins with a point's value (`5 - Strongly agree`) or holds exactly one point's label.
 */
export function suggestSurveyMeaning(template: SurveyTemplate, mapAs: string, value: string, schools: { school_id: string; school_name: string }[] = []): string | undefined {
  if (mapAs === 'school') return suggestSchool(value, schools);
  const item = template.items.find((i) => i.id === mapAs);
  const scale = item && template.scales[item.scale];
  if (!scale) return undefined;
  const lead = /^\s*(\d+)\b/.exec(value)?.[1];
  if (lead && scale.points.some((p) => String(p.value) === lead)) return lead;
  const key = `_${valueKey(value)}_`;
  const held = scale.points.filter((p) => [p.en, p.es, ...p.also].some((label) => key.includes(`_${valueKey(label)}_`)));
  // "Strongly agree" holds "agree" too: the longest label decides, where one is longest.
  const longest = held.map((p) => ({ p, n: Math.max(...[p.en, p.es, ...p.also].filter((l) => key.includes(`_${valueKey(l)}_`)).map((l) => valueKey(l).length)) }));
  longest.sort((a, b) => b.n - a.n);
  if (longest.length === 1 || (longest.length > 1 && longest[0].n > longest[1].n)) return String(longest[0].p.value);
  return undefined;
}
