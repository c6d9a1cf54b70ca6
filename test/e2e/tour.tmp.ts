import { launchBrowser, login, openPage, screenshot } from './support/browser.js';

const base = process.env.BASE ?? 'http://127.0.0.1:3900';
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, base);
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
  await page.goto('/');
  await page.waitForTimeout(800);
  await screenshot(page, 'tour-portal');
  await page.goto('/login?expired=1');
  await page.waitForTimeout(500);
  await screenshot(page, 'tour-login');
  await login(page, 'admin');
  await page.waitForTimeout(500);
  await screenshot(page, 'tour-home');
  await page.goto('/admin/orgs');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-orgs');
  await page.goto('/admin/orgs?q=即墨');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-orgs-q');
  await page.goto('/admin/orgs?unit=EDU');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-org-drawer');
  await page.goto('/admin/users');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-users');
  await page.goto('/admin/tokens');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-tokens');
  await page.goto('/admin/audit');
  await page.waitForTimeout(1000);
  await screenshot(page, 'tour-audit');
  await page.goto('/nope');
  await page.waitForTimeout(500);
  await screenshot(page, 'tour-404');
} finally {
  await browser.close();
}
