import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

const DOC_NO = '青市监罚〔2015〕E2E号';

/** POSTs through the page's session (cookie) with the CSRF header from /api/auth/me. */
async function apiPost(page: Page, path: string, body: unknown) {
  const me = await (await page.request.get('/api/auth/me')).json();
  const res = await page.request.post(path, { headers: { 'x-csrf-token': me.csrfToken }, data: body });
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

describe('credit objections in the browser', { timeout: 120_000 }, () => {
  const e2e = e2eSession();

  it('an enterprise objects to a record, the public page shows 异议处理中, the unit decides it', async () => {
    const ent = await e2e.open();
    const unit = await e2e.open();
    const anon = await e2e.open();
    try {
      await login(ent.page, 'qiye');
      await login(unit.page, 'qts');
      // The enterprise's own id, then a penalty recorded by 市市场监管局 (QTS) for it through the API.
      const own = await (await ent.page.request.get('/api/credit/records?pageSize=1')).json();
      const enterpriseId = own.items[0].enterpriseId as number;
      await apiPost(unit.page, '/api/credit/records', {
        enterpriseId,
        type: 'ADMIN_PENALTY',
        severity: 'GENERAL',
        authority: '青岛市市场监督管理局',
        documentNo: DOC_NO,
        legalBasis: '《中华人民共和国产品质量法》第四十九条',
        summary: '生产不符合标准的产品',
        decidedOn: '2015-09-01',
        publishedOn: '2015-09-08',
      });

      // The enterprise files the objection on "本企业信用" with a reason and the confirmation tick.
      const e = ent.page;
      await e.locator('aside').getByText('本企业信用').click();
      const row = e.getByTestId('my-records').locator('tr', { hasText: DOC_NO });
      await row.getByRole('button', { name: btn('提出异议') }).click();
      await e.getByLabel('理由').fill('处罚决定已被复议机关变更,附复议决定书');
      await e.locator('#credit-decision-ok').click();
      await e.getByText('请勾选确认').waitFor();
      await e.getByText('我确认所述情况属实').click();
      await e.locator('#credit-decision-ok').click();
      await e.getByText(/异议已提交,答复期限/).waitFor();
      await row.getByTestId('objection-pending').waitFor();

      // Meanwhile the public page (no login) marks the record.
      const a = anon.page;
      await a.goto(`/credit/enterprises/${enterpriseId}`);
      const publicRow = a.getByTestId('negative-records').locator('tr', { hasText: DOC_NO });
      await publicRow.getByTestId('objection-pending').waitFor();
      await screenshot(a, 'credit-public-objection-pending');

      // The unit opens its queue and rejects it with a decision text.
      const u = unit.page;
      await u.locator('aside').getByText('异议处理').click();
      const queued = u.locator('tr', { hasText: '处罚决定已被复议机关变更' });
      await queued.getByRole('button', { name: btn('处理') }).click();
      await u.getByText(DOC_NO).waitFor();
      await u.getByRole('radio', { name: '异议不成立' }).check();
      await u.getByLabel('处理意见').fill('经核实,复议决定维持原处罚,原记录无误');
      await u.getByText('确认提交?').click();
      await u.locator('#credit-decision-ok').click();
      await queued.getByText('异议不成立').waitFor();
      await screenshot(u, 'credit-objection-decided');

      // Decided: the marker leaves the public page; the enterprise sees the decision.
      await a.reload();
      await a.getByTestId('negative-records').locator('tr', { hasText: DOC_NO }).waitFor();
      assert.equal(await a.getByTestId('negative-records').getByTestId('objection-pending').count(), 0);
      await e.reload();
      await e.getByRole('tab', { name: /我的异议/ }).click();
      await e.getByTestId('my-objections').getByText('经核实,复议决定维持原处罚,原记录无误').waitFor();
      for (const p of [e, u, a]) assert.deepEqual(jsErrors(p), []);
    } finally {
      await Promise.all([ent.context.close(), unit.context.close(), anon.context.close()]);
    }
  });
});
