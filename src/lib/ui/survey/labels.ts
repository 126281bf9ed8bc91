/** The survey form's text in English and Spanish (construct and wave names are in core/present). */
import type { SurveyTemplate } from '$lib/core/survey/template';

export type FormLanguage = 'en' | 'es';

export interface FormText {
  title: string;
  intro: string;
  school: string;
  language: string;
  languageName: string;
  instruction: string;
  statement: string;
  dontKnow: string;
  thanks: string;
  schoolQuestion: string;
  languageQuestion: string;
}

const FAMILY: Record<FormLanguage, FormText> = {
  en: {
    title: 'Family mid-year survey: support for your child',
    intro:
      'This short survey asks what you know about the mental health supports at your child’s school and how to reach them. It takes about five minutes. Your answers are anonymous: please do not write your name or your child’s name.',
    school: 'School',
    language: 'Language of this form',
    languageName: 'English',
    instruction: 'Mark one box for each statement.',
    statement: 'Statement',
    dontKnow: "Don't know",
    thanks: 'Thank you. Please return this form to your child’s school office or teacher.',
    schoolQuestion: 'Which school does your child attend?',
    languageQuestion: 'Survey language'
  },
  es: {
    title: 'Encuesta para familias de mitad de año: apoyo para su hijo/a',
    intro:
      'Esta breve encuesta pregunta qué sabe usted sobre los apoyos de salud mental en la escuela de su hijo/a y cómo obtenerlos. Toma unos cinco minutos. Sus respuestas son anónimas: por favor no escriba su nombre ni el de su hijo/a.',
    school: 'Escuela',
    language: 'Idioma de este formulario',
    languageName: 'Español',
    instruction: 'Marque una casilla para cada afirmación.',
    statement: 'Afirmación',
    dontKnow: 'No sé',
    thanks: 'Gracias. Por favor devuelva este formulario a la oficina de la escuela o al maestro/a de su hijo/a.',
    schoolQuestion: '¿A qué escuela asiste su hijo/a?',
    languageQuestion: 'Idioma de la encuesta'
  }
};

const STAFF: Record<FormLanguage, Partial<FormText>> = {
  en: {
    title: 'Staff survey: mental health supports at your school',
    intro:
      'This short survey asks about referring students for mental health support, your confidence supporting them, and working with community providers. It takes about five minutes. Your answers are anonymous: please do not write your name.',
    thanks: 'Thank you. Please return this form to the person coordinating the survey at your school.',
    schoolQuestion: 'Which school do you work at?'
  },
  es: {
    title: 'Encuesta para el personal: apoyos de salud mental en su escuela',
    intro:
      'Esta breve encuesta pregunta cómo referir a estudiantes para recibir apoyo de salud mental, qué tan capaz se siente para apoyarlos y cómo trabaja con los proveedores comunitarios. Toma unos cinco minutos. Sus respuestas son anónimas: por favor no escriba su nombre.',
    thanks: 'Gracias. Por favor devuelva este formulario a la persona que coordina la encuesta en su escuela.',
    schoolQuestion: '¿En qué escuela trabaja?'
  }
};

export function formText(template: string, language: FormLanguage): FormText {
  return template === 'staff' ? { ...FAMILY[language], ...STAFF[language] } : FAMILY[language];
}

export const TEMPLATE_TITLES: Record<string, string> = {
  'family-midyear': 'Family mid-year survey',
  staff: 'Staff survey'
};

/** The answer choices of a template's scale in one language, lowest first, then "Don't know". */
export function scaleChoices(template: SurveyTemplate, language: FormLanguage): string[] {
  const scale = template.scales[template.items[0].scale];
  return [...scale.points.map((p) => p[language]), formText(template.name, language).dontKnow];
}

/**
 * The questions as plain text, to paste into Google Forms or Microsoft Forms: item text exactly
 * as the template has it (so Continuum recognizes each column of the export), and the choices.
 */
export function formToolText(template: SurveyTemplate, language: FormLanguage, schools: string[]): string {
  const text = formText(template.name, language);
  const choices = scaleChoices(template, language);
  const en = language === 'en';
  // Hints go on lines of their own, in brackets, so that pasting a question's line pastes its text only.
  const lines = [
    text.title,
    '',
    `1. ${text.schoolQuestion}`,
    en ? '   [Required. One answer, from this list:]' : '   [Obligatoria. Una respuesta, de esta lista:]',
    ...schools.map((s) => `   - ${s}`),
    '',
    `2. ${text.languageQuestion}`,
    en ? '   [One answer:]' : '   [Una respuesta:]',
    '   - English',
    '   - Español',
    '',
    `3. ${text.instruction}`,
    en
      ? '   [A Likert question in Microsoft Forms, a multiple-choice grid in Google Forms, a matrix in Qualtrics or SurveyMonkey. Rows, with this text exactly:]'
      : '   [Pregunta Likert en Microsoft Forms, cuadrícula de varias opciones en Google Forms, matriz en Qualtrics o SurveyMonkey. Filas, con este texto exacto:]',
    ...template.items.map((item) => `   - ${en ? item.text_en : item.text_es}`),
    en ? '   [Columns:]' : '   [Columnas:]',
    ...choices.map((c) => `   - ${c}`)
  ];
  return lines.join('\n') + '\n';
}
