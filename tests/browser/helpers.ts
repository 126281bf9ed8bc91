import { expect, type Page } from '@playwright/test';

/** Opens a page and waits until the workspace has loaded its data and no work is under way. */
export async function openReady(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
}
