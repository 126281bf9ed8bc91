/** The survey templates of survey-templates/, bundled with the app. */
import { parseTemplate, type SurveyTemplate } from '$lib/core/survey/template';

const sources = import.meta.glob('../../../../survey-templates/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const TEMPLATES: Record<string, SurveyTemplate> = Object.fromEntries(
  Object.entries(sources).map(([path, text]) => {
    const name = path.split('/').pop()!.replace(/\.csv$/, '');
    return [name, parseTemplate(name, text)];
  })
);
