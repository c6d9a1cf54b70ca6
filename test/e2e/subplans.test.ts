import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

/** Clicks the OK button of the open antd confirm dialog. */
async function confirm(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: btn(label) })
    .click();
}

/** Waits for the filing's status tag to read `label`. */
async function status(page: Page, label: string): Promise<void> {
  await page.locator('[data-status]').getByText(label).first().waitFor();
}

describe('district implementation plans in the browser', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('draft in the editor and the API, file, return with a reason, refile, accept', async () => {
    const district = await e2e.open();
    const admin = await e2e.open();
    try {
      // 市南区 sees its overdue filing on the plan page and opens it.
      const d = district.page;
      await login(d, 'shinan');
      await d.locator('aside').getByText('实施方案备案').click();
      const cta = d.getByTestId('subplan-cta');
      await cta.getByText('已超过报备时限 56 天').waitFor();
      await cta.getByRole('button', { name: '编制实施方案' }).click();
      await d.getByTestId('subplan-findings').getByText('措施(十)尚未分解也未说明不适用').waitFor();
      assert.ok(
        await d
          .getByRole('button', { name: btn('报备') })
          .first()
          .isDisabled(),
      );
      const id = Number(new URL(d.url()).pathname.split('/').pop());

      // One task and one 不适用 measure through the editor.
      const m1 = d.getByTestId('measure-QD2015-M01');
      await m1.getByRole('button', { name: '添加任务' }).click();
      await m1.getByLabel('任务内容').fill('组织开展区级职业技能竞赛');
      await m1.getByLabel('责任部门').fill('区人力资源局');
      await m1.getByLabel('责任人').fill('王明');
      await m1.getByPlaceholder('完成时限').fill('2015-11-30');
      await m1.getByPlaceholder('完成时限').press('Enter');
      const m2 = d.getByTestId('measure-QD2015-M02');
      await m2.getByRole('switch').click();
      await m2.getByLabel('不适用理由').fill('本区无相关产业园区');
      await d.getByRole('button', { name: '保存草稿' }).first().click();
      await d.getByText('已保存草稿').waitFor();
      await status(d, '草稿');
      const findings = d.getByTestId('subplan-findings');
      await findings.getByText('措施(三)尚未分解也未说明不适用').waitFor();
      assert.equal(await findings.getByText('措施(一)尚未分解也未说明不适用').count(), 0);
      assert.equal(await findings.getByText('措施(二)尚未分解也未说明不适用').count(), 0);
      await screenshot(d, 'subplan-draft');

      // The rest through the API with the page's session: one more task, the others not applicable.
      const me = await (await d.request.get('/api/auth/me')).json();
      const saved = await (await d.request.get(`/api/sub-plans/${id}`)).json();
      const rest = saved.measures.slice(2) as { externalId: string }[];
      const res = await d.request.put(`/api/sub-plans/${id}`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: {
          version: saved.version,
          tasks: [
            ...saved.tasks,
            {
              measureExternalId: rest[0]?.externalId,
              title: '推广先进质量管理方法',
              deptName: '区市场监管局',
              responsiblePerson: '李华',
              dueDate: '2015-12-15',
            },
          ],
          exclusions: [
            ...saved.exclusions,
            ...rest.slice(1).map((m) => ({ measureExternalId: m.externalId, reason: '由市级部门统一组织实施' })),
          ],
        },
      });
      assert.equal(res.status(), 200, await res.text());
      await d.reload();
      await d.getByText('所有措施均已分解或说明不适用,可以报备。').waitFor();
      await d
        .getByRole('button', { name: btn('报备') })
        .first()
        .click();
      await confirm(d, '报备');
      await status(d, '已报备');
      await d.getByText('实施方案已报备,等待质量办审核,暂不能修改。').waitFor();

      // The office returns it with a reason.
      const a = admin.page;
      await login(a, 'admin');
      await a.goto(`/admin/sub-plans/${id}`);
      await status(a, '已报备');
      await a.getByRole('button', { name: btn('退回') }).click();
      const dialog = a.getByRole('dialog');
      await dialog.getByLabel('退回原因').fill('措施(三)的任务请细化到季度节点');
      await dialog.getByRole('button', { name: btn('退回') }).click();
      await status(a, '已退回');

      // The district reads the reason and files again.
      await d.reload();
      await d.getByTestId('subplan-return-reason').getByText('措施(三)的任务请细化到季度节点').waitFor();
      await screenshot(d, 'subplan-returned');
      await d
        .getByRole('button', { name: btn('报备') })
        .first()
        .click();
      await confirm(d, '报备');
      await status(d, '已报备');

      // The office accepts; the plan's list shows it accepted and fully covered.
      await a.reload();
      await a.getByRole('button', { name: btn('通过') }).click();
      await confirm(a, '通过');
      await status(a, '已通过');
      await a.locator('aside').getByText('实施方案备案').click();
      const row = a.getByTestId('sub-plans').getByRole('row', { name: /市南区/ });
      await row.getByText('已通过').waitFor();
      await row.getByText('100%').waitFor();
      await screenshot(a, 'subplan-list');
      assert.deepEqual(jsErrors(d), []);
      assert.deepEqual(jsErrors(a), []);
    } finally {
      await district.context.close();
      await admin.context.close();
    }
  });
});
