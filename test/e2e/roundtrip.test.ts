import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { jsErrors, login, screenshot } from './support/browser.js';
import { e2eSession } from './support/session.js';

const ID = 'QD2015-M01-EDU';

describe('plan Excel round trip in the browser (R-S13)', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('export → edit a progress cell → dry run shows 1 update → confirm → committed', async () => {
    const { context, page } = await e2e.open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-rt-'));
    try {
      await login(page, 'admin');
      await page.locator('aside').getByText('行动计划').click();
      await page.getByText('青岛市贯彻实施质量发展纲要2015年行动计划').first().click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rt-export').click()]);
      assert.match(download.suggestedFilename(), /^QD2015-任务表-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const exported = path.join(dir, 'export.xlsx');
      await download.saveAs(exported);

      const before = (await (await page.request.get(`/api/assignments/${ID}`)).json()) as { progress: number };
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(exported);
      const ws = wb.getWorksheet('assignments')!;
      const progressColumn = (ws.getRow(1).values as unknown[]).indexOf('progress');
      const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === ID)!;
      assert.ok(before.progress <= 95, 'room to raise the demo progress');
      const target = before.progress + 5;
      row.getCell(progressColumn).value = target;
      const edited = path.join(dir, 'edited.xlsx');
      await wb.xlsx.writeFile(edited);

      await page.getByTestId('rt-import').click();
      await page.getByTestId('rt-help').getByText('action_external_id 填措施编号').waitFor();
      await page.locator('.ant-modal input[type=file]').setInputFiles(edited);
      const changes = page.getByTestId('rt-changes');
      await changes.getByText(ID).waitFor();
      await changes.getByText(`${before.progress} → ${target}`).waitFor();
      const totals = page.getByTestId('rt-counts').getByRole('row', { name: /合计/ });
      assert.deepEqual(
        (await totals.getByRole('cell').allInnerTexts()).slice(1, 3),
        ['0', '1'],
        'totals: 0 created, 1 updated',
      );
      await screenshot(page, 'roundtrip-dry-run');
      await page.getByTestId('rt-commit').click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /确\s?认\s?导\s?入/ })
        .click();
      await page.getByText('导入完成:新建 0 条,修改 1 条,撤销 0 条').first().waitFor();

      const after = (await (await page.request.get(`/api/assignments/${ID}`)).json()) as { progress: number };
      assert.equal(after.progress, target);
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
