import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from './server.js';

const CHROMIUM = '/usr/bin/chromium';
const PAGE_ERRORS = new WeakMap<Page, string[]>();
/** Screenshots land here (gitignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'e2e');

/** Launches Debian's Chromium headless; never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (own cookies and localStorage) and page against the test server. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { lang?: 'zh-CN' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (options.lang) {
    await context.addInitScript(`localStorage.setItem('qcity.lang', ${JSON.stringify(options.lang)})`);
  }
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  PAGE_ERRORS.set(page, errors);
  return { context, page };
}

/** JavaScript errors thrown in the page so far. */
export function jsErrors(page: Page): string[] {
  return PAGE_ERRORS.get(page) ?? [];
}

/** Saves a full-page screenshot as test-results/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Logs in through the login form and waits for the workspace. */
export async function login(page: Page, username: string, password = 'Demo@12345'): Promise<void> {
  await page.goto('/login');
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('form[id="login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin'));
  await page.getByTestId('current-user').waitFor();
}
