/**
 * Files as districts and public sources have them, loaded in the app (issue 13): an HR roster
 * whose job titles are mapped once, a state's CCD directory with its membership and EDGE geocode
 * files and the choice of one district, and a CRDC School Support file with a not-reported cell.
 * The fixtures are in tests/fixtures/app/, in the published layouts; the figures are worked by hand
 * below.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, openReady, recordForeignRequests } from './helpers';

const APP = join(import.meta.dirname, '..', 'fixtures', 'app');
const at = (...names: string[]) => names.map((n) => join(APP, n));

recordForeignRequests();

test.beforeEach(async ({ page }) => {
  // Each test starts from an empty browser profile: the sample district.
  await openReady(page, '/import');
});

const unknownPanel = (page: Page) => page.getByRole('region', { name: /values? needs? a meaning/ });
const meaning = (page: Page, value: string) => unknownPanel(page).locator(`tr[data-value="${value}"] select`);
const staffRow = (page: Page, role: string) => page.locator(`table.staffing tr[data-role="${role}"]`);

/** The school page's staffing row as its cells read: FTE, students per FTE, shortfall. */
async function staffing(page: Page, role: string) {
  const cells = staffRow(page, role).locator('td');
  return { fte: await cells.nth(0).innerText(), ratio: await cells.nth(1).innerText(), shortfall: await cells.nth(4).innerText() };
}

test.describe('an HR roster with job titles, teachers and custodians', () => {
  // hr-roster.csv (CRLF): 16 rows, 10 titles that are not roles and one that is (School Counselor).
  // Mapped as suggested, with Behavior Specialist left out by hand:
  //   HR01 Adams Elementary (500): psychologist 0.5 + 0.5 = 1.0 (1:500), nurse 1.0 (1:500)
  //   HR02 Baker Middle (750): social worker 1.0 (1:750), psychologist 0.5 (1:1,500), counselor 2.0 (1:375)
  //   HR03 Carver High (1,000): psychologist 1.0 (1:1,000), social worker 0.6 (1:1,667), nurse 0.5 (1:2,000)
  const titles: Record<string, string> = {
    'Teacher - Grade 3': 'leave out',
    'School Psychologist II': 'school_psychologist',
    'Registered Nurse (RN)': 'school_nurse',
    Custodian: 'leave out',
    'Licensed Clinical Social Worker': 'school_social_worker',
    'Teacher - Math': 'leave out',
    LCSW: 'school_social_worker',
    'Behavior Specialist': '',
    'Teacher - Science': 'leave out',
    Principal: 'leave out'
  };

  test('lists each unknown title once with a suggestion, loads once confirmed, and keeps the mappings', async ({ page }) => {
    await page.getByLabel('Choose files to load').setInputFiles(at('hr-schools.csv', 'hr-roster.csv', 'hr-services.csv'));
    await expect(page.locator('article.file')).toHaveCount(3);
    await expect(page.locator('article.file').filter({ hasText: 'hr-roster.csv' }).locator('select').first()).toHaveValue('staff');
    await page.getByRole('button', { name: 'Check and load 3 files' }).click();

    // One line per distinct title, never one per row; the counts and first rows beside each.
    await expect(page.getByRole('alert').first()).toContainText('Nothing was changed: 10 values need a meaning');
    const panel = unknownPanel(page);
    await expect(panel.getByRole('heading', { name: '10 values need a meaning' })).toBeVisible();
    await expect(panel.locator('tr[data-value]')).toHaveCount(10);
    await expect(panel.locator('tr[data-value="School Psychologist II"]')).toContainText('4');
    await expect(panel.locator('tr[data-value="School Psychologist II"]')).toContainText('rows 3, 8, 15, …');
    await expect(panel.locator('tr[data-value="Custodian"]')).toContainText('rows 5, 13, 18');
    // Suggestions are pre-selected and marked; the one title without one waits for a choice.
    for (const [title, means] of Object.entries(titles)) await expect(meaning(page, title)).toHaveValue(means);
    await expect(meaning(page, 'LCSW').locator('option:checked')).toHaveText('School social worker (suggested)');
    await expect(meaning(page, 'Behavior Specialist').locator('option:checked')).toHaveText('Choose a meaning…');
    await expect(panel.getByText('9 of 10 chosen (9 as suggested)')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);
    await expectNoSeriousViolations(page);

    // Nothing is applied while one is open: the button says so and goes to it.
    await panel.getByRole('button', { name: 'Apply and load again' }).click();
    await expect(panel.getByText('Choose a meaning for the value still open')).toBeVisible();
    await expect(meaning(page, 'Behavior Specialist')).toBeFocused();
    // Chosen by keyboard, by its label.
    await page.getByLabel('Meaning of “Behavior Specialist” (role)').selectOption({ label: 'Leave these rows out' });
    await panel.getByRole('button', { name: 'Apply and load again' }).click();

    await expect(page.getByText('Loaded.')).toBeVisible();
    const warnings = page.getByRole('region', { name: 'Warnings' });
    // Left-out rows: one warning per value.
    await expect(warnings).toContainText('"Custodian" left out, as the mappings say (3 rows: 5, 13, 18)');
    await expect(warnings).toContainText('"Behavior Specialist" left out');
    await expect(warnings.locator('tbody tr').filter({ hasText: 'left out, as the mappings say' })).toHaveCount(6);
    await expect(page.locator('.badge')).toHaveCount(0);

    await openReady(page, '/school?id=HR01');
    expect(await staffing(page, 'school_psychologist')).toEqual({ fte: '1.0', ratio: '1:500', shortfall: 'meets the ratio' });
    expect(await staffing(page, 'school_nurse')).toMatchObject({ fte: '1.0', ratio: '1:500' });
    await openReady(page, '/school?id=HR03');
    expect(await staffing(page, 'school_social_worker')).toMatchObject({ fte: '0.6', ratio: '1:1,667' });
    expect(await staffing(page, 'school_psychologist')).toMatchObject({ fte: '1.0', ratio: '1:1,000' });
    expect(await staffing(page, 'school_counselor')).toMatchObject({ fte: '0.0', ratio: 'no one' });

    // Reopened: the kept files load again with the same mappings.
    await page.reload();
    await openReady(page, '/school?id=HR02');
    await expect(page.locator('.badge')).toHaveCount(0);
    expect(await staffing(page, 'school_social_worker')).toMatchObject({ fte: '1.0', ratio: '1:750' });
    expect(await staffing(page, 'school_psychologist')).toMatchObject({ fte: '0.5', ratio: '1:1,500' });
    expect(await staffing(page, 'school_counselor')).toMatchObject({ fte: '2.0', ratio: '1:375' });

    // The mappings are listed, and download as the CSV the command line reads.
    await openReady(page, '/import');
    const kept = page.getByRole('region', { name: 'What your values mean' });
    await expect(kept.locator('tbody tr')).toHaveCount(10);
    const download = page.waitForEvent('download');
    await kept.getByRole('button', { name: 'Download mappings CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('continuum-mappings.csv');
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('file,column,value,means');
    expect(lines.slice(1).sort()).toEqual(
      Object.entries(titles)
        .map(([title, means]) => `staff,role,${title},${means || 'leave out'}`)
        .sort()
    );

    // The same CSV gives the command line the same staffing as the app's school page.
    const out = join(mkdtempSync(join(tmpdir(), 'continuum-cli-')), 'out');
    const [schools, roster, services] = at('hr-schools.csv', 'hr-roster.csv', 'hr-services.csv');
    execFileSync(process.execPath, ['bin/continuum.js', 'analyze', '--schools', schools, '--staff', roster, '--services', services, '--mappings', (await file.path())!, '--out', out], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: 'pipe'
    });
    const cli = readFileSync(join(out, 'staffing.csv'), 'utf8').split('\n').filter((l) => l.startsWith('HR02,'));
    const fteOf = (role: string) => Number(cli.find((l) => l.includes(`,${role},`))!.split(',')[3]);
    expect([fteOf('school_social_worker'), fteOf('school_psychologist'), fteOf('school_counselor')]).toEqual([1, 0.5, 2]);

    // The next roster with the same titles loads at once.
    await page.getByLabel('Choose files to load').setInputFiles(at('hr-roster.csv'));
    await page.getByRole('button', { name: 'Check and load 1 file' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();
    await expect(unknownPanel(page)).toHaveCount(0);
  });

  test('a remembered mapping the loaded roster needs can be given another meaning, not silently dropped', async ({ page }) => {
    await page.getByLabel('Choose files to load').setInputFiles(at('hr-schools.csv', 'hr-roster.csv', 'hr-services.csv'));
    await page.getByRole('button', { name: 'Check and load 3 files' }).click();
    await page.getByLabel('Meaning of “Behavior Specialist” (role)').selectOption('leave out');
    await unknownPanel(page).getByRole('button', { name: 'Apply and load again' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();

    // Behavior Specialist was left out; remove that meaning, and it is asked for again.
    const kept = page.getByRole('region', { name: 'What your values mean' });
    await kept.getByRole('button', { name: 'Remove the meaning of “Behavior Specialist”' }).click();
    await expect(page.getByText('“Behavior Specialist” was not removed')).toBeVisible();
    await expect(unknownPanel(page).locator('tr[data-value]')).toHaveCount(1);
    await page.getByLabel('Meaning of “Behavior Specialist” (role)').selectOption('school_counselor');
    await unknownPanel(page).getByRole('button', { name: 'Apply and load again' }).click();
    await expect(page.getByText('The loaded files were read again with these meanings.')).toBeVisible();
    await expect(kept.locator('tr').filter({ hasText: 'Behavior Specialist' })).toContainText('School counselor');

    // Carver High now has the behavior specialist's 1.0 FTE as a counselor (1:1,000).
    await openReady(page, '/school?id=HR03');
    expect(await staffing(page, 'school_counselor')).toMatchObject({ fte: '1.0', ratio: '1:1,000' });

    // A mappings file from the command line is taken in; a mapping no kept file needs is simply removed.
    await openReady(page, '/import');
    await page.getByLabel('Use a mappings file').setInputFiles({
      name: 'district-mappings.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('file,column,value,means\r\nservices,tier,Tier 2 - Targeted,2\r\n')
    });
    await expect(page.getByText('district-mappings.csv: 1 meaning kept.')).toBeVisible();
    await expect(kept.locator('tr').filter({ hasText: 'Tier 2 - Targeted' })).toContainText('Tier 2 (targeted)');
    await kept.getByRole('button', { name: 'Remove the meaning of “Tier 2 - Targeted”' }).click();
    await expect(page.getByText('“Tier 2 - Targeted” is no longer mapped; hr-services.csv was read again without it.')).toBeVisible();
    await expect(kept.locator('tbody tr')).toHaveCount(10);
  });

  test('a mappings CSV from the command line loads the roster at once, and the workspace file carries it to another computer', async ({ page, browser }) => {
    const csv = ['file,column,value,means', ...Object.entries(titles).map(([t, m]) => `staff,role,${t},${m || 'leave out'}`)].join('\n') + '\n';
    await page.getByLabel('Use a mappings file').setInputFiles({ name: 'hr-mappings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByText('hr-mappings.csv: 10 meanings kept.')).toBeVisible();
    await page.getByLabel('Choose files to load').setInputFiles(at('hr-schools.csv', 'hr-roster.csv', 'hr-services.csv'));
    await page.getByRole('button', { name: 'Check and load 3 files' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();
    await expect(unknownPanel(page)).toHaveCount(0);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save workspace to a file' }).click();
    const saved = join(mkdtempSync(join(tmpdir(), 'continuum-')), 'hr.continuum');
    await (await download).saveAs(saved);

    // Another computer: a fresh browser profile.
    const other = await browser.newContext();
    const second = await other.newPage();
    await openReady(second, '/import');
    await second.getByLabel('Open a workspace file').setInputFiles(saved);
    await expect(second.getByText('hr.continuum is open.')).toBeVisible();
    await expect(second.getByRole('region', { name: 'What your values mean' }).locator('tbody tr')).toHaveCount(10);
    await openReady(second, '/school?id=HR03');
    expect(await staffing(second, 'school_social_worker')).toMatchObject({ fte: '0.6', ratio: '1:1,667' });
    await other.close();
  });
});

test.describe("a state's CCD files, in parts, with the choice of one district", () => {
  // ccd_sch_029 (directory, no enrollment): Granite Valley 0900010 (3 open + Old Mill, closed)
  // and Stonebridge 0900020 (2). ccd_sch_052 (membership, long): Granite Valley Elementary's
  // Education Unit Total is 412. EDGE geocode (pipe-delimited): coordinates.
  const files = at(
    'ccd_sch_029_2223_w_1a_083023.csv',
    'ccd_sch_052_2223_l_1a_083023.csv',
    'EDGE_GEOCODE_PUBLICSCH_2223.TXT',
    'granite-staff.csv',
    'granite-services.csv'
  );

  test('the directory, membership and geocode files load as one batch, for the district chosen', async ({ page }) => {
    await page.getByLabel('Choose files to load').setInputFiles(files);
    const card = (name: string) => page.getByRole('article', { name: new RegExp(`^${name}`) });
    await expect(page.locator('article.file')).toHaveCount(5);
    await expect(card('ccd_sch_029').locator('header select')).toHaveValue('schools');
    await expect(card('ccd_sch_052').locator('header select')).toHaveValue('enrollment');
    await expect(card('EDGE_GEOCODE').locator('header select')).toHaveValue('locations');
    await expect(card('ccd_sch_029')).toContainText('each school\'s enrollment comes from ccd_sch_052_2223_l_1a_083023.csv');
    await expect(card('ccd_sch_029')).not.toContainText('Missing required columns');

    // Two districts: the choice comes first (closed schools are not counted).
    const choice = page.getByRole('group', { name: 'Which district?' });
    await expect(choice).toBeVisible();
    await expect(choice.getByRole('radio')).toHaveCount(3);
    await expect(choice).toContainText('Granite Valley School District · ID 0900010 · 3 schools');
    await expect(choice).toContainText('Stonebridge Public Schools · ID 0900020 · 2 schools');
    await expect(choice).toContainText('The whole file: every district (5 schools)');
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Check and load 5 files' }).click();
    await expect(choice.getByRole('alert')).toContainText('Choose a district, or the whole file');
    await expect(choice.getByRole('searchbox')).toBeFocused();

    await choice.getByLabel('Find a district by name or ID').fill('granite');
    await expect(choice.getByRole('radio')).toHaveCount(2);
    await choice.getByRole('radio', { name: /Granite Valley School District/ }).check();
    await page.getByRole('button', { name: 'Check and load 5 files' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();
    const warnings = page.getByRole('region', { name: 'Warnings' });
    await expect(warnings).toContainText('1 school left out for their CCD status (Closed: 1)');
    await expect(warnings).toContainText('2 schools of other districts left out: district 0900010 is kept (3 schools)');
    await expect(page.getByText('District 0900010 was chosen out of the schools file: its other districts are left out.')).toBeVisible();
    await expect(page.locator('ul.loaded-files')).toContainText('Enrollment by school: ccd_sch_052_2223_l_1a_083023.csv');
    await expect(page.locator('ul.loaded-files')).toContainText('School locations: EDGE_GEOCODE_PUBLICSCH_2223.TXT');

    await openReady(page, '/schools');
    await expect(page.getByText('3 of 3 schools')).toBeVisible();
    await expect(page.locator('main')).not.toContainText('Stonebridge');
    await openReady(page, '/school?id=090001000101');
    await expect(page.locator('.facts')).toContainText('412');

    // Reopened, the same district loads again.
    await page.reload();
    await openReady(page, '/schools');
    await expect(page.getByText('3 of 3 schools')).toBeVisible();

    // The same state file dropped again: the choice made is chosen again.
    await openReady(page, '/import');
    await page.getByLabel('Choose files to load').setInputFiles(files);
    await expect(page.getByRole('radio', { name: /Granite Valley School District/ })).toBeChecked();
  });

  test('the whole file is a choice too', async ({ page }) => {
    await page.getByLabel('Choose files to load').setInputFiles(files);
    await page.getByRole('radio', { name: /The whole file/ }).check();
    await page.getByRole('button', { name: 'Check and load 5 files' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible();
    await openReady(page, '/schools');
    await expect(page.getByText('5 of 5 schools')).toBeVisible();
  });
});

test('a CRDC School Support file loads as the staff file, and a -9 reads "not reported", never 0', async ({ page }) => {
  // crdc-school-support.csv: Millbrook Elementary (318) social worker -9, psychologist 0.5;
  // Millbrook Middle (540) psychologist -9.
  await page.getByLabel('Choose files to load').setInputFiles(at('crdc-schools.csv', 'crdc-school-support.csv', 'crdc-services.csv'));
  const card = page.locator('article.file').filter({ hasText: 'crdc-school-support.csv' });
  await expect(card.locator('header select')).toHaveValue('staff');
  await expect(card).toContainText('One FTE column per role');
  await expect(card).not.toContainText('Missing required columns');
  await page.getByRole('button', { name: 'Check and load 3 files' }).click();
  await expect(page.getByText('Loaded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Warnings' })).toContainText('2 FTE cells are not reported');

  await openReady(page, '/school?id=090000300041');
  expect(await staffing(page, 'school_social_worker')).toEqual({ fte: 'not reported', ratio: 'not reported', shortfall: 'not reported' });
  expect(await staffing(page, 'school_psychologist')).toMatchObject({ fte: '0.5', ratio: '1:636' });
  await expect(page.getByText('the staff file gives no figure for this role at this school')).toBeVisible();
  await expectNoSeriousViolations(page);

  // The district row says how many schools did not report, and its ratio leaves them out:
  // psychologists 0.5 + 0.4 = 0.9 FTE for 318 + 270 = 588 students (1:653).
  await openReady(page, '/');
  const psychologists = page.locator('table.district-staffing tr[data-role="school_psychologist"]');
  await expect(psychologists).toContainText('1 school did not report');
  await expect(psychologists.locator('td').nth(1)).toHaveText('0.9');
  await expect(psychologists.locator('td').nth(2)).toHaveText('1:653');
  await expect(page.locator('table.district-staffing tr[data-role="school_counselor"]')).not.toContainText('did not report');
});
