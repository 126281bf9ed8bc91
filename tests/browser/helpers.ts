import { expect, type Page } from '@playwright/test';

/** Opens a page and waits until the workspace has loaded its data. */
export async function openReady(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('main')).not.toContainText('Opening the in-browser database', { timeout: 60_000 });
  await expect(page.locator('[role=status] .spinner')).toHaveCount(0, { timeout: 60_000 });
}
