import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, openReady, recordForeignRequests } from './helpers';

recordForeignRequests();

// The sample's four schools with 5–8 respondents (sample-data/README.md).
const SMALL = ['Westwater Re-Engagement Center', 'Tomás Ferreira Elementary School', 'Union Square Elementary School', 'Harbor City Therapeutic Day School'];
const CONSTRUCTS = ['Awareness', 'Access', 'Communication', 'Satisfaction', 'Climate'];

/** Every row or list item naming one of the small schools: none may hold a percentage. */
async function expectNoFigureForSmallSchools(page: Page) {
  for (const name of SMALL) {
    const texts = await page.locator('tr, li').filter({ hasText: name }).allTextContents();
    expect(texts.length, name).toBeGreaterThan(0);
    // No share, and not their respondent counts (5 to 8) either.
    for (const text of texts) expect(text, name).not.toMatch(/%|\b[5-8]\b/);
  }
}

test.describe('survey results', () => {
  test('show the sample survey by construct, withhold the four small schools everywhere, and name schools in the quadrant', async ({ page }) => {
    await openReady(page, '/survey');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family mid-year survey');
    await expect(page.getByText('5,992 respondents')).toBeVisible();
    const district = page.locator('section[aria-labelledby=district-title] tbody');
    for (const c of CONSTRUCTS) {
      await expect(district.locator('tr', { hasText: c })).toContainText('%');
      await expect(page.getByRole('radio', { name: c })).toHaveCount(1);
    }
    const schools = page.locator('section[aria-labelledby=schools-title] tbody tr');
    await expect(schools).toHaveCount(126); // the district and 125 schools with answers
    await expect(schools.first()).toContainText('District (schools shown)');
    await expect(page.locator('section[aria-labelledby=district-title]')).toContainText('Schools with fewer than 10 respondents are left out of them');

    // Every construct: the small schools are named as withheld, with no figure at all.
    for (const c of CONSTRUCTS) {
      await page.getByRole('radio', { name: c }).check();
      await expect(page.locator('section[aria-labelledby=schools-title] p.muted').first()).toContainText(`${c}: 125 schools`);
      await expect(page.locator('section[aria-labelledby=schools-title] tr[data-key=HC044]')).toContainText('Withheld: fewer than 10 respondents');
      await expectNoFigureForSmallSchools(page);
    }

    // Language of response: English against Spanish, both large enough to show.
    const languages = page.locator('table.languages');
    await expect(languages.locator('thead')).toContainText('English');
    await expect(languages.locator('thead')).toContainText('Spanish (Español)');
    await expect(languages.locator('tr', { hasText: 'Communication' })).toContainText('pts');

    // The quadrant names schools in each quadrant, and lists the small ones as withheld, unplaced.
    const unaware = page.locator('[data-quadrant=unaware]');
    await expect(unaware.getByRole('heading')).toContainText('Services exist, but families don’t know');
    await expect(unaware.locator('tbody tr').first().getByRole('link')).toHaveText(/School|Academy|Center/);
    await expect(page.locator('[data-quadrant=unreachable] tbody tr').first().getByRole('link')).toHaveText(/\w/);
    const withheld = page.locator('ul[data-quadrant=withheld]');
    for (const name of SMALL) await expect(withheld).toContainText(name);
    await expect(page.locator('section[aria-labelledby=quadrant-title]')).toContainText('No family answered at');

    await expectNoFigureForSmallSchools(page);
    await expect(page.getByText('One wave is loaded')).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test('a file with two waves loads beside the sample, and the waves are compared', async ({ page }) => {
    const items = ['aware_1', 'aware_2', 'access_1', 'access_2', 'comm_1', 'comm_2', 'satis_1', 'climate_1', 'climate_2'];
    const rows = ['school_id,wave,language,' + items.join(',')];
    const add = (school: string, wave: string, n: number, answer: string) => {
      for (let i = 0; i < n; i++) rows.push(`${school},${wave},${i % 3 ? 'English' : 'Español'},${items.map(() => answer).join(',')}`);
    };
    add('HC001', 'fall', 14, '2');
    add('HC002', 'fall', 20, '3');
    add('HC003', 'fall', 6, '4');
    add('HC001', 'mid-year', 15, '4');
    add('HC002', 'mid-year', 18, '5');
    add('HC003', 'mid-year', 12, '4');
    await openReady(page, '/import');
    await page.getByLabel('Choose files to load').setInputFiles({ name: 'waves.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
    await expect(page.locator('article.file select').first()).toHaveValue('survey');
    await page.getByRole('button', { name: /Check and load 1 file/ }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();

    await openReady(page, '/survey');
    const waves = page.locator('section[aria-labelledby=waves-title]');
    // The sample's own survey (no wave named) stays loaded beside the two new waves: compare those two.
    await waves.getByLabel('From', { exact: true }).selectOption('fall');
    await waves.getByLabel('to', { exact: true }).selectOption('mid-year');
    // Fall: HC003 had 6 respondents, so it is withheld (and left out of the total); HC001 is shown.
    await expect(waves.locator('tr[data-key=HC001]')).toContainText('+100 pts');
    await expect(waves.locator('tr[data-key=HC003]')).toContainText('withheld');
    await expect(waves.locator('tr[data-key=HC003]')).toContainText('—');
    await expect(waves.locator('tr[data-key=HC002]')).toContainText('+100 pts');
    await expectNoSeriousViolations(page);
  });
});

test('without a survey, the page says how to load one', async ({ page }) => {
  await openReady(page, '/import');
  // The district alone replaces the whole sample, its survey too.
  const sample = ['schools', 'staff', 'services', 'needs'].map((k) => join(import.meta.dirname, '..', '..', 'sample-data', `${k}.csv`));
  await page.getByLabel('Choose files to load').setInputFiles(sample);
  await page.getByRole('button', { name: /Check and load 4 files/ }).click();
  await expect(page.getByText('Loaded.')).toBeVisible();
  await openReady(page, '/survey');
  await expect(page.getByText('No survey is loaded.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Load the survey' })).toHaveAttribute('href', '/import');
  await expect(page.getByRole('link', { name: /Print the form/ })).toHaveAttribute('href', '/survey/form');
});

test.describe('the survey form', () => {
  test('renders the family survey in Spanish, to print and as a list for an online form', async ({ page }) => {
    await openReady(page, '/survey/form?lang=es');
    const paper = page.locator('article.paper');
    await expect(paper).toHaveAttribute('lang', 'es');
    await expect(paper.getByRole('heading')).toHaveText('Encuesta para familias de mitad de año: apoyo para su hijo/a');
    await expect(paper.locator('tbody tr')).toHaveCount(9);
    await expect(paper.locator('tbody tr').first()).toContainText('Sé qué apoyos de salud mental están disponibles para mi hijo/a en la escuela.');
    for (const label of ['Totalmente en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Totalmente de acuerdo', 'No sé']) {
      await expect(paper.locator('thead')).toContainText(label);
    }
    await expect(paper.locator('tbody tr').first().locator('.box')).toHaveCount(6);
    await expect(paper).toContainText('Escuela:');
    await expect(paper).toContainText('Idioma de este formulario:');
    const listing = page.getByLabel('Questions and answer choices as plain text');
    await expect(listing).toHaveValue(/¿A qué escuela asiste su hijo\/a\?/);
    await expect(listing).toHaveValue(/Edith Lowell Elementary School/);
    await expect(listing).toHaveValue(/Sé cómo pedir ayuda a la escuela si mi hijo\/a tiene dificultades emocionales\./);
    await expectNoSeriousViolations(page);

    // Printing shows the form alone: no navigation, no controls, no list.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.locator('.controls')).toBeHidden();
    await expect(listing).toBeHidden();
    await expect(paper).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    // The staff survey in English, chosen on the page.
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByLabel('Survey', { exact: true }).selectOption('staff');
    await expect(page).toHaveURL(/template=staff&lang=en/);
    await expect(paper.locator('tbody tr')).toHaveCount(8);
    await expect(paper).toContainText('I know how to refer a student for mental health support at this school.');
  });
});
