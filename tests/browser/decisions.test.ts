import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousViolations, openReady, recordForeignRequests } from './helpers';

recordForeignRequests();

/** A comparison cell's baseline and scenario figures, as the page holds them. */
async function figures(cell: Locator) {
  return { baseline: Number(await cell.getAttribute('data-baseline')), scenario: Number(await cell.getAttribute('data-scenario')) };
}
const scenarioOf = (cell: Locator) => async () => Number(await cell.getAttribute('data-scenario'));

async function createScenario(page: Page, name: string) {
  await page.getByLabel('New scenario').fill(name);
  await page.getByRole('button', { name: 'Create scenario' }).click();
  await expect(page.getByRole('link', { name: new RegExp(name) })).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.timing')).toBeVisible();
}

test.describe('what-if scenarios', () => {
  test('a scenario moves staffing and tier 3 against the baseline; undo, redo, reload, duplicate, rename, delete', async ({ page }) => {
    test.setTimeout(240_000);
    await openReady(page, '/scenarios');
    await createScenario(page, 'Workshop A');

    // 1.0 FTE school psychologist at Edith Lowell (486 students, 0.4 FTE): below 1:500 before, at it after.
    const psych = page.locator('table.staffing tr[data-role=school_psychologist] td');
    const fte = psych.nth(0);
    const meeting = psych.nth(1);
    const staffBefore = { fte: await figures(fte), meeting: await figures(meeting) };
    expect(staffBefore.fte.scenario).toBeCloseTo(staffBefore.fte.baseline, 9);
    await page.getByLabel('School', { exact: true }).selectOption('HC001');
    await page.getByLabel('FTE to add').fill('1');
    await page.getByRole('button', { name: 'Add to scenario' }).click();
    const changes = page.locator('ol.changes > li');
    await expect(changes).toHaveCount(1);
    await expect(changes.first()).toContainText('Add 1.0 FTE school psychologist at Edith Lowell Elementary School');
    await expect.poll(scenarioOf(fte)).toBeCloseTo(staffBefore.fte.baseline + 1, 6);
    await expect.poll(scenarioOf(meeting)).toBe(staffBefore.meeting.baseline + 1);
    await expect(meeting).toContainText('(+1)');

    // A tier 3 service at a school with a gap closes that school's gap by up to its capacity.
    const gap = page.locator('table.tiers tr[data-tier="3"] td').nth(2);
    const tier3 = await figures(gap);
    await page.getByLabel('Kind of change').selectOption('add_service');
    await page.getByLabel('School', { exact: true }).selectOption('HC003');
    const hint = page.locator('[data-hint=school-tier]');
    await expect(hint).toContainText('Marguerite Pierre-Louis Middle School, Tier 3 (intensive)');
    const schoolGap = Number(await hint.getAttribute('data-gap'));
    expect(schoolGap).toBeGreaterThan(0);
    await page.getByLabel('Provider', { exact: true }).fill('Harbor Wraparound');
    await page.getByLabel('Service type').selectOption('wraparound');
    await page.getByLabel('Capacity (students a year)').fill('6');
    await page.getByRole('button', { name: 'Add to scenario' }).click();
    await expect(changes).toHaveCount(2);
    const expected = tier3.baseline - Math.min(6, schoolGap);
    await expect.poll(scenarioOf(gap)).toBeCloseTo(expected, 6);
    await expect(page.locator('table.schools tr[data-school=HC003]')).toBeVisible();
    const ms = Number(await page.locator('.timing').getAttribute('data-ms'));
    console.log(`one recompute on the sample district: ${ms} ms`);

    // An impossible change is refused and not saved.
    await page.getByLabel('Kind of change').selectOption('move');
    await page.getByLabel('From school').selectOption('HC002');
    await page.getByLabel('To school').selectOption('HC003');
    await page.getByLabel('FTE to move').fill('5');
    await page.getByRole('button', { name: 'Add to scenario' }).click();
    await expect(page.getByRole('alert')).toContainText('Cormorant Bay School would have');
    await expect(changes).toHaveCount(2);

    // Undo takes the service back, redo returns it; so do the keys, away from a text field.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(changes).toHaveCount(1);
    await expect.poll(scenarioOf(gap)).toBeCloseTo(tier3.baseline, 6);
    await expect(page.getByRole('status').filter({ hasText: 'Undone: add wraparound' })).toBeVisible();
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(changes).toHaveCount(2);
    await expect.poll(scenarioOf(gap)).toBeCloseTo(expected, 6);
    await page.getByRole('heading', { name: 'What-if scenarios' }).click();
    await page.keyboard.press('Control+z');
    await expect(changes).toHaveCount(1);
    await page.keyboard.press('Control+Shift+z');
    await expect(changes).toHaveCount(2);
    await page.keyboard.press('Control+z');
    await expect(changes).toHaveCount(1);
    await page.keyboard.press('Control+y');
    await expect(changes).toHaveCount(2);
    await expect.poll(scenarioOf(gap)).toBeCloseTo(expected, 6);
    // In a text field, Ctrl+Z is the field's own.
    await page.getByLabel('New scenario').fill('typing');
    await page.getByLabel('New scenario').press('Control+z');
    await expect(changes).toHaveCount(2);
    await page.getByLabel('New scenario').fill('');

    // A reload keeps the scenario and its changes.
    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.getByRole('link', { name: /Workshop A/ })).toHaveAttribute('aria-current', 'true');
    await expect(changes).toHaveCount(2);
    await expect.poll(scenarioOf(gap)).toBeCloseTo(expected, 6);
    await expect.poll(scenarioOf(meeting)).toBe(staffBefore.meeting.baseline + 1);

    // Duplicate, then rename the copy: the original is untouched.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    const copy = page.getByRole('link', { name: /Workshop A \(copy\)/ });
    await expect(copy).toHaveAttribute('aria-current', 'true');
    await expect(changes).toHaveCount(2);
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Scenario name').fill('Workshop B');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('link', { name: /Workshop B/ })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('heading', { name: 'Changes in “Workshop B”' })).toBeVisible();
    await expect(page.locator('.picker ul a')).toHaveCount(2);

    // Delete asks first; undo brings the scenario back.
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Workshop B”?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.locator('.picker ul a')).toHaveCount(2);
    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete scenario' }).click();
    await expect(page.locator('.picker ul a')).toHaveCount(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.picker ul a')).toHaveCount(2);
    await page.getByRole('button', { name: 'Undo' }).click(); // the rename
    await expect(page.getByRole('link', { name: /Workshop A \(copy\)/ })).toBeVisible();

    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.locator('.picker ul a')).toHaveCount(2);
    // The figures dim while they catch up with the changes (as after a reload): check the page
    // as it is read, once they have.
    await expect(page.locator('.compare')).toHaveAttribute('aria-busy', 'false');
    await expectNoSeriousViolations(page);
  });

  test('a screening count and a removed service change the scenario; a changed school links to a priority form filled in', async ({ page }) => {
    test.setTimeout(180_000);
    await openReady(page, '/scenarios');
    await createScenario(page, 'Screening');
    await page.getByLabel('Kind of change').selectOption('screening');
    await page.getByLabel('School', { exact: true }).selectOption('HC002');
    await page.getByLabel('Tier', { exact: true }).selectOption('2');
    await page.getByLabel('Students screened as needing it').fill('80');
    await page.getByRole('button', { name: 'Add to scenario' }).click();
    // Removing a loaded service takes exactly its seats away from the school's own capacity.
    const tier1 = page.locator('table.tiers tr[data-tier="1"] td').nth(1);
    const capacity = await figures(tier1);
    await page.getByLabel('Kind of change').selectOption('remove_service');
    await page.getByLabel('School', { exact: true }).selectOption('HC003');
    const service = page.getByLabel('Service to remove').locator('option', { hasText: 'Tier 1 (universal)' }).first();
    const text = (await service.textContent())!;
    const seats = Number(/([\d,]+) a year/.exec(text)![1].replace(/,/g, ''));
    await page.getByLabel('Service to remove').selectOption({ label: text.trim() });
    await page.getByRole('button', { name: 'Add to scenario' }).click();
    await expect(page.locator('ol.changes > li')).toHaveCount(2);
    await expect(page.locator('ol.changes > li').nth(1)).toContainText('at Marguerite Pierre-Louis Middle School (Tier 1,');
    await expect.poll(scenarioOf(tier1)).toBeCloseTo(capacity.baseline - seats, 6);
    // The saved removal still names the service at its row: no warning that the data moved on.
    await expect(page.locator('section[data-checked=true]')).toHaveCount(1);
    await expect(page.locator('.warning')).toHaveCount(0);

    await page.getByRole('radio', { name: 'Tier 2 (targeted)' }).check();
    const row = page.locator('table.schools tr[data-school=HC002]');
    await expect(row).toBeVisible();
    await row.getByRole('link', { name: /Make this a priority/ }).click();
    await expect(page).toHaveURL(/\/plan\?school=HC002&tier=2&scenario=/);
    await expect(page.getByLabel('School', { exact: true })).toHaveValue('HC002');
    await expect(page.getByLabel('Tier', { exact: true })).toHaveValue('2');
    await expect(page.getByLabel('Scenario that carries it (optional)').locator('option:checked')).toHaveText('Screening');
    await expectNoSeriousViolations(page);
  });
});

test.describe('priorities and readiness', () => {
  test('a gap made a priority, with an owner and a date, survives a reload; edits undo', async ({ page }) => {
    test.setTimeout(180_000);
    await openReady(page, '/plan?school=HC003&tier=3');
    await expect(page.getByLabel('School', { exact: true })).toHaveValue('HC003');
    await expect(page.getByLabel('Tier', { exact: true })).toHaveValue('3');
    await expect(page.locator('.gap[data-gap]')).toContainText('Marguerite Pierre-Louis Middle School');
    await expect(page.getByLabel('Goal')).toBeFocused();

    await page.getByLabel('Goal').fill('Every student who needs Tier 3 support has a provider');
    await page.getByLabel('Action steps').fill('Meet Harbor Wraparound\nSign an MOU');
    await page.getByLabel('Person responsible').fill('Dana Ruiz');
    await page.getByLabel('Timeline').fill('2027-03-31');
    await page.getByLabel('Measure of success').fill('Tier 3 gap below 5 students');
    await page.getByRole('button', { name: 'Add priority' }).click();

    const school = page.locator('section.school[data-school=HC003]');
    const card = school.locator('article.priority');
    await expect(card).toHaveCount(1);
    await expect(card.locator('[data-field=person_responsible]')).toHaveText('Dana Ruiz');
    await expect(card.locator('[data-field=timeline]')).toHaveText('2027-03-31');

    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(card.locator('h4')).toHaveText('Every student who needs Tier 3 support has a provider');
    await expect(card.locator('[data-field=person_responsible]')).toHaveText('Dana Ruiz');
    await expect(card.locator('[data-field=timeline]')).toHaveText('2027-03-31');
    await expect(card).toContainText('Tier 3 (intensive)');

    // Edit, then undo the edit; delete, then undo the delete.
    await card.getByRole('button', { name: /^Edit/ }).click();
    await card.getByLabel('Person responsible').fill('Sam Okafor');
    await card.getByRole('button', { name: 'Save priority' }).click();
    await expect(card.locator('[data-field=person_responsible]')).toHaveText('Sam Okafor');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(card.locator('[data-field=person_responsible]')).toHaveText('Dana Ruiz');
    await card.getByRole('button', { name: /^Delete/ }).click();
    await expect(card).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(card).toHaveCount(1);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(card).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(card).toHaveCount(1);

    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(card.locator('[data-field=person_responsible]')).toHaveText('Dana Ruiz');
  });

  test('the readiness check is saved', async ({ page }) => {
    test.setTimeout(180_000);
    await openReady(page, '/plan');
    const row = page.locator('tr[data-element=evaluation]');
    await row.getByRole('combobox').selectOption('strong');
    await row.getByRole('textbox').fill('Mid-year family survey since 2025');
    await row.getByRole('textbox').press('Tab');
    await page.locator('tr[data-element=leadership_team]').getByRole('combobox').selectOption('beginning');
    await expect(page.locator('.summary')).toContainText('1 of 6');
    await expect(page.locator('.summary')).toContainText('Saved in this browser.');

    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(row.getByRole('combobox')).toHaveValue('strong');
    await expect(row.getByRole('textbox')).toHaveValue('Mid-year family survey since 2025');
    await expect(page.locator('tr[data-element=leadership_team]').getByRole('combobox')).toHaveValue('beginning');
    await expect(page.locator('.summary')).toContainText('1 of 6');
    await expect(page.getByRole('combobox', { name: 'Where we stand 6. Regular evaluation of effectiveness' })).toHaveValue('strong');
    await expectNoSeriousViolations(page);
  });
});
