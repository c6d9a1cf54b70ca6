import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { jsErrors, login, screenshot } from './support/browser.js';
import { ROOT } from './support/server.js';
import { btn, e2eSession } from './support/session.js';

/** Polls until `check` holds (the bell refreshes after each mark), failing after `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reminders, escalations and revised texts in the browser', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('a unit reads and acknowledges its notices; the office sees the register and a day runs once', async () => {
    const unit = await e2e.open();
    const office = await e2e.open();
    try {
      const u = unit.page;
      await login(u, 'edu');
      const bell = u.getByTestId('inbox-bell');
      await bell.waitFor();
      // The demo replay left notices for 市教育局; the count arrives with the first inbox query.
      const unreadOf = async () => Number(/(\d+)/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
      await until(async () => (await unreadOf()) > 0);
      const unreadBefore = await unreadOf();
      await bell.click();
      const items = u.getByTestId('inbox-item');
      await items.first().waitFor();
      await items
        .first()
        .getByRole('button', { name: btn('已知悉') })
        .click();
      await until(async () => (await unreadOf()) === unreadBefore - 1);
      await u.getByRole('tab', { name: '全部' }).click();
      await u
        .getByText(/已确认 /)
        .first()
        .waitFor();
      await screenshot(u, 'inbox-unit');
      assert.deepEqual(jsErrors(u), []);

      const o = office.page;
      await login(o, 'admin');
      await o.locator('aside').getByText('督办台账').click();
      await o
        .getByText(/催办〔2015〕\d+号/)
        .first()
        .waitFor();
      await o.getByTestId('run-reminders').click();
      await o
        .locator('.ant-popconfirm')
        .getByRole('button', { name: btn('确定') })
        .click();
      await o.getByText('2015-10-15 已运行过,没有新的通知').waitFor();
      await screenshot(o, 'notices-register');
      assert.deepEqual(jsErrors(o), []);
    } finally {
      await unit.context.close();
      await office.context.close();
    }
  });

  it('the office compares a revised text with the published plan', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.goto('/admin/plans');
      await page.getByText('青岛市贯彻实施质量发展纲要2015年行动计划').first().click();
      await page.getByRole('button', { name: btn('对比修订稿') }).click();
      const seed = fs.readFileSync(path.join(ROOT, 'data/qingdao-2015-quality-action-plan.txt'), 'utf8');
      await page.getByTestId('revision-text').fill(seed.replace('(一)提高劳动者技能。', '(一)全面提高劳动者技能。'));
      await page.getByTestId('revision-compare').click();
      const result = page.getByTestId('revision-result');
      await result.getByText('修改 1').waitFor();
      await result.getByText('全面提高劳动者技能', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('revision-measure').count(), 1);
      await screenshot(page, 'plan-revision');
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
