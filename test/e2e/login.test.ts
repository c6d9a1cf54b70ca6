import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot } from './support/browser.js';
import { e2eSession } from './support/session.js';

async function submit(page: Page, username: string, password: string): Promise<string> {
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.locator('form[id="login"] button[type="submit"]').click();
  await answered;
  const error = page.getByTestId('login-error');
  await error.waitFor();
  return ((await error.textContent()) ?? '').trim();
}

describe('login page', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('lists the demo accounts in demo mode and shows the message for a wrong password', async () => {
    const { context, page } = await e2e.open();
    try {
      await page.goto('/login');
      const demo = page.getByTestId('demo-accounts');
      await demo.getByText('edu', { exact: true }).waitFor();
      assert.equal(await page.getByText('Demo@12345').first().isVisible(), true);
      const message = await submit(page, 'admin', 'wrong-password');
      assert.equal(message, '用户名或密码错误');
      await screenshot(page, 'login-wrong-password');
      // The message follows the UI language: the server localises it by Accept-Language.
      await page.getByTestId('language-switch').click();
      assert.equal(await submit(page, 'admin', 'still-wrong'), 'Wrong user name or password');
    } finally {
      await context.close();
    }
  });

  it('locks lockme after 5 wrong passwords and says so', async () => {
    const { context, page } = await e2e.open();
    try {
      await page.goto('/login');
      const messages: string[] = [];
      for (let i = 0; i < 5; i++) messages.push(await submit(page, 'lockme', `wrong-${i}`));
      assert.deepEqual(messages.slice(0, 4), Array(4).fill('用户名或密码错误'));
      assert.match(messages[4] ?? '', /^登录失败次数过多,账号已锁定,请在 \d+ 分钟后重试$/);
      // Even the right password is refused while the lock lasts.
      assert.match(await submit(page, 'lockme', 'Demo@12345'), /账号已锁定/);
      await screenshot(page, 'login-locked');
    } finally {
      await context.close();
    }
  });
});
