import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jsErrors, login, screenshot } from './support/browser.js';
import { e2eSession } from './support/session.js';

/** The labels of the side menu, in order. */
async function menuLabels(page: Page): Promise<string[]> {
  const items = page.locator('aside .ant-menu-item');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim());
}

describe('admin workspace', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('admin sees the full menu and finds 即墨市 and 即墨区 in the org registry', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.getByText('您好,质量办管理员').waitFor();
      const menu = await menuLabels(page);
      for (const label of ['单位管理', '用户管理', '审计日志', '访问令牌']) assert.ok(menu.includes(label), label);
      await screenshot(page, 'admin-home');

      await page.locator('aside').getByText('单位管理').click();
      await page.waitForURL('**/admin/orgs');
      await page.getByRole('cell', { name: '市教育局', exact: true }).waitFor();
      const search = page.getByPlaceholder('搜索代码、名称或别名');
      await search.fill('即墨');
      await search.press('Enter');
      await page.getByRole('link', { name: '即墨区' }).waitFor();
      // 即墨市 was retired in 2017: the current-units view says so and offers to show it.
      await page.getByText('另有 1 个已撤销单位也匹配“即墨”。').waitFor();
      await page.getByRole('button', { name: '显示全部' }).click();
      await page.getByRole('link', { name: '即墨市' }).waitFor();
      assert.ok(await page.getByRole('link', { name: '即墨区' }).isVisible());
      assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 2);
      await screenshot(page, 'orgs-search');

      await page.getByRole('link', { name: '即墨市' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.locator('.ant-drawer-header').getByText('即墨市').waitFor();
      await drawer.locator('.ant-drawer-header').getByText('已撤销').waitFor();
      // Its successor is a link to 即墨区's own detail.
      await drawer.getByRole('link', { name: '370215' }).waitFor();
      await drawer.getByRole('tab', { name: '变更记录' }).click();
      await drawer.getByText('初始导入').first().waitFor();
      await screenshot(page, 'org-drawer');
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });

  it('a unit user (edu) gets no 用户管理 menu item', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'edu');
      const menu = await menuLabels(page);
      assert.ok(menu.includes('单位管理'));
      assert.ok(!menu.includes('用户管理'), `menu: ${menu.join(', ')}`);
      await page.getByTestId('my-roles').getByText('市教育局').waitFor();
      await page.goto('/admin/users');
      await page.getByText('您没有访问此页面的权限').waitFor();
      await screenshot(page, 'edu-forbidden');
    } finally {
      await context.close();
    }
  });

  it('switches the workspace to English and back', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.getByTestId('language-switch').click();
      await page.getByText('Hello, 质量办管理员').waitFor();
      const menu = await menuLabels(page);
      assert.deepEqual(menu.slice(0, 4), ['Workspace', 'Units', 'Users', 'Audit log']);
      await page.locator('aside').getByText('Units').click();
      await page.getByPlaceholder('Search code, name or alias').waitFor();
      assert.ok(await page.getByRole('columnheader', { name: 'Division code' }).isVisible());
      await screenshot(page, 'orgs-en');
      await page.getByTestId('language-switch').click();
      await page.getByPlaceholder('搜索代码、名称或别名').waitFor();
      assert.ok((await menuLabels(page)).includes('单位管理'));
    } finally {
      await context.close();
    }
  });

  it('logging out returns to the login page, and /admin then asks to log in', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/login?bye=1');
      await page.getByText('您已退出登录').waitFor();
      await page.goto('/admin/orgs');
      await page.waitForURL('**/login?next=%2Fadmin%2Forgs');
      await page.getByText('请先登录后再访问该页面').waitFor();
    } finally {
      await context.close();
    }
  });

  it('an expired session inside /admin leads to the login page with 登录已过期', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      // The server no longer knows this session: what an idle timeout looks like to the browser.
      const cookies = await context.cookies();
      assert.ok(cookies.length > 0);
      await context.addCookies(cookies.map((c) => ({ ...c, value: 'expired-session' })));
      await page.locator('aside').getByText('用户管理').click();
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('expired') === '1');
      await page.getByText('登录已过期,请重新登录').waitFor();
      await screenshot(page, 'session-expired');
      await page.locator('#login_username').fill('admin');
      await page.locator('#login_password').fill('Demo@12345');
      await page.locator('form[id="login"] button[type="submit"]').click();
      await page.waitForURL('**/admin/users');
    } finally {
      await context.close();
    }
  });
});
