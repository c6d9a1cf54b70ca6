import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

/** A small 2015 plan: two measures, one of them naming a unit the registry does not know (市质量技术监督所). */
const PLAN_TEXT = `青岛市质量提升2015年专项行动计划

为推进质量强市建设,制定本行动计划。

一、夯实质量基础

(一)提高标准化水平。组织开展标准化示范项目建设。2015年11月底前完成地方标准复审。(市质监局、市教育局按职责分工负责)

(二)加强计量能力建设。建设一批社会公用计量标准。(市质量技术监督所负责)
`;
const ASSIGNMENT = 'QT2015-M01-EDU';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const NARRATIVE = '已组织全市12所高校开展标准化示范项目申报,完成初审8项,正在组织专家论证。';

/** Clicks the OK button of the open antd confirm dialog or popconfirm. */
async function confirm(page: Page, label: string): Promise<void> {
  await page
    .locator('.ant-modal-confirm, .ant-popconfirm')
    .getByRole('button', { name: btn(label) })
    .click();
}

/** The review queue as admin: opens the report of the test assignment. */
async function openReview(page: Page): Promise<void> {
  await page.goto('/admin/reviews');
  await page
    .getByRole('row', { name: new RegExp(ASSIGNMENT) })
    .getByRole('button', { name: btn('审核') })
    .click();
  await page.getByRole('dialog').getByText(NARRATIVE.slice(0, 10)).first().waitFor();
}

/** The test assignment's page, reached from 我的任务 by searching for it. */
async function openMine(page: Page): Promise<void> {
  await page.locator('aside').getByText('我的任务').click();
  const search = page.getByPlaceholder('搜索任务编号、措施或单位');
  await search.fill(ASSIGNMENT);
  await search.press('Enter');
  await page.getByRole('link', { name: ASSIGNMENT }).click();
  await page.getByTestId('assignment-id').getByText(ASSIGNMENT).waitFor();
}

describe('plan supervision in the browser', { timeout: 90_000 }, () => {
  const e2e = e2eSession();

  it('import → fix a unit → publish; sign, report with a file, return, resubmit, accept; history', async () => {
    const admin = await e2e.open();
    const unit = await e2e.open();
    try {
      const a = admin.page;
      await login(a, 'admin');
      await a.getByTestId('demo-badge').getByText('演示数据 · 视角日期 2015-10-15').waitFor();
      await a.locator('aside').getByText('行动计划').click();
      await a.getByRole('button', { name: '导入计划' }).click();
      await a.getByLabel('计划原文').fill(PLAN_TEXT);
      await a.getByLabel('计划代码').fill('QT2015');
      await a.getByRole('button', { name: '识别并生成草稿' }).click();
      await a.getByTestId('plan-title').getByText('青岛市质量提升2015年专项行动计划').waitFor();

      // The unresolved unit blocks publishing until it becomes an alias of 市质监局.
      const finding = a.getByTestId('finding').filter({ hasText: 'UNRESOLVED_UNIT' });
      await finding.getByText('单位名称“市质量技术监督所”在单位名录中找不到').waitFor();
      assert.ok(await a.getByRole('button', { name: '发布并交办' }).isDisabled());
      await finding.getByRole('button', { name: '查看原文' }).click();
      await a.getByTestId('source-text').locator('mark').getByText('市质量技术监督所').waitFor();
      await screenshot(a, 'plan-source');
      await a.keyboard.press('Escape');
      await screenshot(a, 'plan-preview');
      await finding.getByRole('button', { name: '设为“市质监局”的别名' }).click();
      await confirm(a, '确定');
      await a.getByText('没有发现问题,可以发布').waitFor();
      await a.getByRole('button', { name: '发布并交办' }).click();
      await a.getByRole('dialog').getByText('向 2 个责任单位交办 3 项任务').waitFor();
      await a.getByRole('dialog').getByRole('button', { name: '发布并交办' }).click();
      await a.getByText('共交办 3 项任务', { exact: false }).waitFor();

      // The unit signs off and reports with a PDF.
      const u = unit.page;
      await login(u, 'edu');
      await openMine(u);
      await u.getByRole('button', { name: btn('签收') }).click();
      await confirm(u, '签收');
      await u.getByRole('button', { name: '报送进展' }).click();
      const drawer = u.getByRole('dialog');
      await drawer.getByRole('spinbutton', { name: '完成进度' }).fill('30');
      await drawer.getByLabel('进展情况').fill(NARRATIVE);
      await drawer
        .locator('input[type=file]')
        .setInputFiles({ name: '示范项目申报汇总.pdf', mimeType: 'application/pdf', buffer: PDF });
      await drawer.locator('.ant-upload-list-item-done').getByText('示范项目申报汇总.pdf').waitFor();
      await screenshot(u, 'report-form');
      await drawer.getByRole('button', { name: '提交报送' }).click();
      await u.getByTestId('report-list').getByText('已报送').first().waitFor();

      // The office returns it with a reason.
      await openReview(a);
      await screenshot(a, 'review-drawer');
      await a
        .getByRole('dialog')
        .getByRole('button', { name: btn('退回') })
        .click();
      await a.getByLabel('退回理由').fill('请补充专家论证的时间安排。');
      await a
        .locator('.ant-modal')
        .getByRole('button', { name: btn('退回') })
        .click();
      await a.getByText('报告已退回').waitFor();

      // The unit sees the reason, edits and resubmits.
      await u.reload();
      await u.getByTestId('return-reason').getByText('请补充专家论证的时间安排。').waitFor();
      await u.getByRole('button', { name: '修改后重新报送' }).click();
      await u.getByRole('dialog').getByLabel('进展情况').fill(`${NARRATIVE}专家论证定于11月上旬完成。`);
      await u.getByRole('dialog').getByRole('button', { name: '提交报送' }).click();
      await u.getByText('已报送,等待质量办审核').waitFor();

      // The office accepts; the history shows every step.
      await openReview(a);
      await a.getByRole('dialog').getByText('专家论证定于11月上旬完成').waitFor();
      await a
        .getByRole('dialog')
        .getByRole('button', { name: btn('通过') })
        .click();
      await confirm(a, '通过');
      await a.getByText('报告已通过').waitFor();
      await a.goto(`/admin/assignments/${ASSIGNMENT}`);
      await a.getByRole('tab', { name: '变更记录' }).click();
      const history = a.getByTestId('entity-history');
      for (const step of ['交办', '签收', '填报进展', '退回报告', '报送进展报告', '审核通过']) {
        await history.getByText(step, { exact: true }).first().waitFor();
      }
      await screenshot(a, 'assignment-history');
      assert.deepEqual(jsErrors(a), []);
      assert.deepEqual(jsErrors(u), []);
    } finally {
      await admin.context.close();
      await unit.context.close();
    }
  });

  it('the dashboard draws the 21 × 18 heatmap, and its lights change with the as-of date', async () => {
    const { context, page } = await e2e.open();
    try {
      await login(page, 'leader');
      await page.locator('aside').getByText('行动计划').click();
      await page
        .getByRole('row', { name: /QD2015/ })
        .getByRole('button', { name: '督查看板' })
        .click();
      await page.waitForURL(/\/admin\/plans\/\d+\/dashboard$/);
      const heatmap = page.getByTestId('heatmap');
      await heatmap.locator('canvas').first().waitFor();
      const attr = async (name: string) => Number(await heatmap.getAttribute(`data-${name}`));
      assert.deepEqual([await attr('units'), await attr('measures'), await attr('cells')], [21, 18, 153]);
      assert.equal(await attr('overdue'), 0);
      const overdueKpi = page.getByTestId('kpis').locator('.ant-statistic-content-value').nth(3);
      assert.equal((await overdueKpi.textContent())?.trim(), '0');
      await screenshot(page, 'dashboard');

      // Seen at 2016-01-10 the year-end deadlines have passed: red cells and an overdue list appear.
      await page.getByLabel('视角日期').click();
      await page.getByLabel('视角日期').fill('2016-01-10');
      await page.getByLabel('视角日期').press('Enter');
      await page.waitForURL(/asOf=2016-01-10/);
      await page.getByTestId('overdue-list').locator('.ant-table-row').first().waitFor();
      assert.ok((await attr('overdue')) > 0);
      assert.notEqual((await overdueKpi.textContent())?.trim(), '0');
      await screenshot(page, 'dashboard-2016');
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
