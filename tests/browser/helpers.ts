import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Opens a page and waits until the workspace has loaded its data and no work is under way. */
export async function openReady(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
}

/** Every request the file's tests make must stay on the app's own origin: the district's data never leaves. */
export function recordForeignRequests() {
  let foreign: string[] = [];
  test.beforeEach(({ page, baseURL }) => {
    foreign = [];
    const origin = new URL(baseURL!).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) foreign.push(url);
    });
  });
  test.afterEach(() => {
    expect(foreign, 'requests to other origins').toEqual([]);
  });
}

export async function expectNoSeriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}
