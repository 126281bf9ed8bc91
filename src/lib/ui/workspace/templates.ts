/** The survey templates of survey-templates/, bundled with the app (scales.csv is the built-in scales, not a template). */
import { BUILT_IN_SCALES } from '$lib/core/survey/builtin-scales';
import { parseTemplate, type SurveyTemplate } from '$lib/core/survey/template';

const sources = import.meta.glob(['../../../../survey-templates/*.csv', '!**/scales.csv'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const TEMPLATES: Record<string, SurveyTemplate> = Object.fromEntries(
  Object.entries(sources).map(([path, text]) => {
    const name = path.split('/').pop()!.replace(/\.csv$/, '');
    return [name, parseTemplate(name, text, BUILT_IN_SCALES)];
  })
);
