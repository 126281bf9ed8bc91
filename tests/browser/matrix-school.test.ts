import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, openReady, recordForeignRequests } from './helpers';

recordForeignRequests();

test.describe('resource matrix', () => {
  test('shows the sample providers by school and service type, and filters change it', async ({ page }) => {
    await openReady(page, '/matrix');
    const matrix = page.locator('table.matrix');
    await expect(matrix.locator('tbody tr')).toHaveCount(128); // every school, and "Every school"
    await expect(matrix.locator('tr.every th')).toContainText('Every school');
    await expect(matrix.locator('thead th[scope=col]', { hasText: 'Psychiatric care' })).toHaveCount(1);
    await expect(matrix.locator('thead th[scope=col]', { hasText: 'Staff training' })).toHaveCount(0); // no seats, no column
    await expect(matrix.locator('caption')).toHaveCount(1);

    await page.getByLabel('Show provider names in the cells').check();
    await expect(matrix.locator('tr.every')).toContainText('HCPS District Crisis Team');
    const lowell = matrix.locator('tr', { has: page.getByRole('link', { name: 'Edith Lowell Elementary School' }) });
    await expect(lowell).toContainText('Anchor Point Behavioral Health');
    await expect(lowell.locator('.mark.diagnosis').first()).toBeVisible();

    const dx = await matrix.locator('.mark.diagnosis').count();
    expect(dx).toBeGreaterThan(0);
    await page.getByLabel('that need a diagnosis').selectOption('no');
    await expect(matrix.locator('thead th[scope=col]', { hasText: 'Psychiatric care' })).toHaveCount(0);
    await expect(matrix.locator('.mark.diagnosis')).toHaveCount(0);
    await expect(lowell).not.toContainText('Anchor Point Behavioral Health');
    await expect(lowell).toContainText('Big Harbor Mentoring Partners');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(matrix.locator('thead th[scope=col]', { hasText: 'Psychiatric care' })).toHaveCount(1);
  });

  test('warns, with numbers, of seats that need a diagnosis and partners with no agreement', async ({ page }) => {
    await openReady(page, '/matrix');
    await expect(page.locator('[data-caveat=diagnosis]').last()).toContainText(/[\d,]+ of [\d,]+ Tier 3 seats/);
    await expect(page.locator('[data-caveat=diagnosis]').last()).toContainText('students with less severe needs cannot use them');
    const agreement = page.locator('[data-caveat=agreement]');
    await expect(agreement).toContainText(/\d+ of \d+ community partners/);
    await expect(agreement).toContainText('cannot share information with school staff');
    // Only partners with an agreement: the warning gives way to a plain statement.
    await page.getByLabel('partner agreement (MOU)').selectOption('yes');
    await expect(agreement).toHaveCount(0);
    await expect(page.locator('.caveats')).toContainText('Every community partner shown has an agreement');
  });

  test('finds a school by name and keeps "Every school" in view', async ({ page }) => {
    await openReady(page, '/matrix');
    await page.getByLabel('Find a school').fill('lowell');
    const rows = page.locator('table.matrix tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Edith Lowell Elementary School');
  });

  test('the tiers × providers matrix counts seats and providers', async ({ page }) => {
    await openReady(page, '/matrix');
    const tiers = page.locator('table.tiers');
    await expect(tiers.locator('tbody tr')).toHaveCount(3);
    await expect(tiers.locator('tr[data-tier="3"]')).toContainText(/[\d,]+ seats/);
    await expect(tiers.locator('tr[data-tier="3"]')).toContainText(/from \d+ providers/);
    await page.getByLabel(/^tier/).selectOption('3');
    await expect(tiers.locator('tbody tr')).toHaveCount(1);
  });

  test('has no serious accessibility violations', async ({ page }) => {
    // axe checks every one of the ~2,000 cells' contrast: slow on a loaded machine, not a hang.
    test.setTimeout(300_000);
    await openReady(page, '/matrix');
    await expect(page.locator('table.matrix tbody tr').first()).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test.describe('schools list', () => {
  test('lists every school with its gaps and links to its page', async ({ page }) => {
    await openReady(page, '/schools');
    await expect(page.locator('tbody tr')).toHaveCount(127);
    await page.getByLabel('Find a school').fill('Edith Lowell');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    const link = page.getByRole('link', { name: 'Edith Lowell Elementary School' });
    await expect(link).toHaveAttribute('href', /\/school\?id=HC001$/);
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edith Lowell Elementary School');
  });

  test('has no serious accessibility violations', async ({ page }) => {
    test.setTimeout(180_000);
    await openReady(page, '/schools');
    await expect(page.locator('tbody tr').first()).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test.describe('school page', () => {
  test('HC001 shows its facts, a chart, four staffing rows and its providers', async ({ page }) => {
    await openReady(page, '/school?id=HC001');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edith Lowell Elementary School');
    await expect(page.locator('.facts')).toContainText('486');
    const canvas = page.locator('.need-chart canvas');
    await expect(canvas).toBeVisible();
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100);
    await expect(page.locator('.need-chart table tbody tr')).toHaveCount(3);
    await expect(page.locator('table.staffing tbody tr')).toHaveCount(4);
    await expect(page.locator('table.staffing')).toContainText('NASP');
    await expect(page.locator('table.providers[data-tier="3"]')).toContainText('Anchor Point Behavioral Health');
    await expect(page.locator('table.providers[data-tier="3"]')).toContainText('HCPS District Crisis Team');
    await expect(page.locator('table.providers[data-tier="2"]')).toContainText('no agreement'); // Big Harbor Mentoring
    await expect(page.locator('table.survey tbody tr')).toHaveCount(5);
    await expect(page.locator('table.survey')).toContainText('%');
    await expectNoSeriousViolations(page);
  });

  test('withholds survey figures where fewer families answered than the threshold', async ({ page }) => {
    await openReady(page, '/school?id=HC044');
    const withheld = page.locator('table.survey tr.withheld');
    await expect(withheld.first()).toBeVisible();
    const count = await withheld.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const row = withheld.nth(i);
      await expect(row).toContainText('fewer than 10 respondents');
      await expect(row).not.toContainText('%');
      await expect(row.locator('td')).toHaveCount(1);
    }
    await expectNoSeriousViolations(page);
  });

  test('an unknown id gets a friendly message and a way back', async ({ page }) => {
    await openReady(page, '/school?id=NOT-A-SCHOOL');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('School not found');
    await expect(page.locator('main')).toContainText('NOT-A-SCHOOL');
    await page.getByRole('link', { name: /list of schools/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schools');
    await openReady(page, '/school?id=NOT-A-SCHOOL');
    await expectNoSeriousViolations(page);
  });
});
