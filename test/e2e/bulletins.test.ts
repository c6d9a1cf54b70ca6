import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

/** Clicks a toolbar button, then the OK button of the confirm dialog it opens. */
async function confirmed(page: Page, label: string): Promise<void> {
  await page
    .getByRole('button', { name: btn(label) })
    .first()
    .click();
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: btn(label) })
    .click();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
}

describe('monthly bulletins in the browser', { timeout: 120_000 }, () => {
  const e2e = e2eSession();

  it('creates the September bulletin, shows the printable page, approves and issues it', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'admin');
      await page.locator('aside').getByText('督查情况通报').click();
      await page.getByRole('button', { name: btn('编制通报') }).click();
      // Demo mode looks at 2015-10-15, so the newest ended month, September, is offered.
      assert.equal(await page.locator('.ant-modal .ant-picker input').inputValue(), '2015-09');
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: btn('生成草稿') })
        .click();
      await page.waitForURL(/\/admin\/bulletins\/\d+$/);
      await page.getByTestId('bulletin-title').getByText('2015年第1期').waitFor();
      await page
        .getByTestId('bulletin-notice')
        .getByText(/截至 2015-09-30/)
        .waitFor();
      const doc = page.getByTestId('official-document');
      for (const heading of ['一、总体情况', '三、存在问题', '五、典型经验', '六、下步工作']) {
        await doc.getByRole('heading', { name: heading }).waitFor();
      }
      await screenshot(page, 'bulletin-draft');

      // The printable page: only the A4 sheet and a toolbar, which printing leaves out.
      await page.getByRole('button', { name: btn('打印预览') }).click();
      await page.waitForURL(/\/print\/bulletins\/\d+$/);
      await page.getByTestId('official-document').getByText('2015年第1期(草稿)').waitFor();
      assert.equal(await page.locator('aside').count(), 0, 'no workspace menu around the sheet');
      const print = page.getByRole('button', { name: btn('打印') });
      assert.ok(await print.isVisible());
      await screenshot(page, 'bulletin-print');
      await page.emulateMedia({ media: 'print' });
      assert.ok(!(await print.isVisible()), 'the toolbar is not printed');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: btn('返回') }).click();

      await confirmed(page, '审定');
      await page
        .getByTestId('bulletin-notice')
        .getByText(/已审定/)
        .waitFor();
      await confirmed(page, '印发');
      await page
        .getByTestId('bulletin-notice')
        .getByText(/内容已锁定/)
        .waitFor();
      assert.equal(await page.getByRole('button', { name: btn('印发') }).count(), 0, 'nothing left to do');
      assert.equal(await page.getByTestId('next-steps').count(), 0, '下步工作 is no longer editable');
      await screenshot(page, 'bulletin-issued');

      const href = await page
        .getByRole('link', { name: /下载 Word/ })
        .first()
        .getAttribute('href');
      const docx = await page.request.get(href!);
      assert.equal(docx.status(), 200);
      assert.equal(
        docx.headers()['content-type'],
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK', 'a zip container');
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
