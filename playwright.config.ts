import { defineConfig } from '@playwright/test';

// Debian's Chromium: `npx playwright install` cannot download browsers here. The flags keep it
// from reaching for Google's services, which this machine's closed network refuses.
export default defineConfig({
  testDir: 'tests/browser',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:4391',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  // With BASE_URL set (a dev server of one's own), no preview server is started.
  webServer: process.env.BASE_URL ? undefined : {
    command: 'npx vite preview --host 127.0.0.1 --port 4391 --strictPort',
    url: 'http://127.0.0.1:4391',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
});
