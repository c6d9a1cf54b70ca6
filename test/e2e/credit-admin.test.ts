import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

describe('credit administration in the browser', { timeout: 120_000 }, () => {
  const e2e = e2eSession();

  it('the office runs a 双随机 draw and sees the results; starts a recompute and sees it finish', async () => {
    const { page, context } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.locator('aside').getByText('双随机抽查').click();
      await page.getByLabel('抽查任务名称').fill('E2E 抽查');
      // Class A only: a small draw the demo's inspector pool always staffs.
      for (const c of ['B', 'C', 'D']) await page.getByRole('checkbox', { name: `${c} 类` }).uncheck();
      await page.getByLabel('随机种子').fill('QD-E2E-0001');
      await page.getByRole('button', { name: btn('抽取') }).click();
      await page
        .locator('.ant-modal-confirm-btns')
        .getByRole('button', { name: btn('抽取') })
        .click();
      await page.waitForURL(/\/admin\/credit\/draws\/\d+$/);
      assert.equal(await page.getByTestId('draw-seed').textContent(), 'QD-E2E-0001');
      assert.match((await page.getByTestId('draw-frame-hash').textContent()) ?? '', /^[0-9a-f]{64}$/);
      const rows = page.getByTestId('draw-results').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      assert.ok((await rows.count()) > 0);
      assert.match((await rows.first().textContent()) ?? '', /JC\d{3}/);
      await page.getByRole('button', { name: /复核/ }).click();
      await page.getByText('复核一致').waitFor();
      await screenshot(page, 'credit-admin-draw');

      await page.locator('aside').getByText('信用评级').click();
      const status = page.getByTestId('grade-run-status');
      await status.waitFor();
      const started = page.waitForResponse((r) => r.url().endsWith('/api/credit/grades/runs') && r.status() === 202);
      await page.getByRole('button', { name: btn('开始全量重算') }).click();
      await page
        .locator('.ant-modal-confirm-btns')
        .getByRole('button', { name: /确\s?定|OK/ })
        .click();
      const run = (await (await started).json()) as { id: number };
      await page.waitForFunction(
        async (id) => {
          const r = (await fetch('/api/credit/grades/runs/latest').then((x) => x.json())) as {
            id: number;
            status: string;
          };
          return r.id === id && r.status === 'completed';
        },
        run.id,
        { timeout: 60_000 },
      );
      await status.filter({ hasText: '已完成' }).waitFor();
      await screenshot(page, 'credit-admin-grades');
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
