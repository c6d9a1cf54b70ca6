import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsErrors, screenshot } from './support/browser.js';
import { e2eSession } from './support/session.js';

describe('public pages', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('renders the portal without logging in', async () => {
    const { context, page } = await e2e.open();
    try {
      await page.goto('/');
      await page.getByRole('heading', { name: '推进质量强市建设' }).waitFor();
      assert.equal(await page.title(), '青岛市质量强市综合管理平台');
      assert.ok(await page.getByText('青岛市质量强市综合管理平台').first().isVisible());
      for (const feature of ['行动计划·督查督办', '质量工作考核', '质量信用', '企业标准自我声明', '产品质量安全']) {
        assert.ok(await page.getByText(feature, { exact: true }).isVisible(), feature);
      }
      const services = page.getByTestId('public-services');
      // The enterprise credit search is open (/credit); recalls and warnings are still to come.
      assert.equal(await services.getByText('即将开放').count(), 2);
      assert.equal(await services.getByRole('link', { name: '进入信用查询' }).getAttribute('href'), '/credit');
      assert.ok(await services.getByText('企业质量信用查询').isVisible());
      await screenshot(page, 'portal');
      await page.getByTestId('portal-login').click();
      await page.waitForURL('**/login');
      await page.locator('#login_username').waitFor();
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });

  it('switches the language to English and back, and remembers it', async () => {
    const { context, page } = await e2e.open();
    try {
      await page.goto('/');
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: 'Building a city of quality' }).waitFor();
      assert.ok(await page.getByText('Coming soon').first().isVisible());
      assert.ok(await page.getByTestId('portal-login').getByText('Log in').isVisible());
      assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
      await screenshot(page, 'portal-en');
      await page.reload();
      await page.getByRole('heading', { name: 'Building a city of quality' }).waitFor();
      await page.getByTestId('language-switch').click();
      await page.getByRole('heading', { name: '推进质量强市建设' }).waitFor();
      assert.equal(await page.evaluate('localStorage.getItem("qcity.lang")'), 'zh-CN');
    } finally {
      await context.close();
    }
  });

  it('shows the 404 page for an unknown path', async () => {
    const { context, page } = await e2e.open();
    try {
      const res = await page.goto('/no/such/page');
      assert.equal(res?.status(), 200, 'the SPA shell answers; the app shows the 404');
      await page.getByText('404 · 页面不存在').waitFor();
      assert.ok(await page.getByText('/no/such/page').isVisible());
      await screenshot(page, 'not-found');
      await page.getByRole('button', { name: '返回首页' }).click();
      await page.getByRole('heading', { name: '推进质量强市建设' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
