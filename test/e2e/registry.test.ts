import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { jsErrors, login, screenshot } from './support/browser.js';
import { btn, e2eSession } from './support/session.js';

// Two valid synthetic credit codes (credit.md §1.5) and one with a wrong check character (expected 3).
const CSV = [
  '统一社会信用代码,企业名称,法定代表人,住所,登记状态,成立日期',
  '91370205MA3C000035,青岛浏览器测试食品有限公司,张测试,山东省青岛市市北区山东路2号,存续,2012-03-04',
  '91350100M000100Y44,坏代码测试公司,李测试,,存续,',
  '91370282MA3C0002X8,浏览器测试（青岛）贸易有限公司,王测试,山东省青岛市即墨区鹤山路5号,存续,2013-05-06',
].join('\n');

describe('enterprise registry in the browser', { timeout: 120_000 }, () => {
  const e2e = e2eSession();

  it('public search: a 2-character query lists highlighted hits with facets, and a hit opens its credit page', async () => {
    const { context, page } = await e2e.open();
    try {
      await page.goto('/');
      await page.getByTestId('portal-search').locator('input').fill('海润');
      await page.getByTestId('portal-search').locator('input').press('Enter');
      await page.waitForURL((url) => url.pathname === '/credit' && url.searchParams.get('q') === '海润');
      const hits = page.getByTestId('search-hit');
      await hits.first().waitFor();
      assert.match((await page.getByTestId('search-total').textContent()) ?? '', /共找到 \d+ 家企业/);
      assert.equal(await hits.first().locator('mark').first().textContent(), '海润');
      assert.ok((await page.getByTestId('search-facets').locator('[data-facet^="district:"]').count()) > 0);
      await screenshot(page, 'registry-public-search');

      const link = hits.first().getByRole('link').first();
      const href = await link.getAttribute('href');
      assert.match(href ?? '', /^\/credit\/enterprises\/\d+$/);
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
    }
  });

  it('office import: dry run shows the counts, commit writes, the reject file names the bad row', async () => {
    const { context, page } = await e2e.open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-reg-'));
    try {
      const file = path.join(dir, 'registry.csv');
      fs.writeFileSync(file, CSV);
      await login(page, 'admin');
      await page.locator('aside').getByText('名录导入').click();
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-dry-done').waitFor();
      const count = (name: string) => page.getByTestId(`count-${name}`).locator('.ant-statistic-content').textContent();
      assert.deepEqual([await count('inserted'), await count('rejected')], ['2', '1']);
      assert.equal(await page.getByTestId('import-encoding').textContent(), 'UTF-8');
      await screenshot(page, 'registry-import-dry-run');

      await page.getByTestId('import-commit').click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: btn('确认导入') })
        .click();
      await page.getByTestId('import-done').waitFor();
      assert.deepEqual([await count('inserted'), await count('rejected')], ['2', '1']);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-rejects').click()]);
      const rejects = fs.readFileSync((await download.path())!, 'utf8');
      assert.match(rejects, /^\uFEFFline,field,code,severity,message\n3,uscc,USCC_CHECKSUM,error,/);

      // The committed rows are in the registry at once.
      await page.locator('aside').getByText('企业名录').click();
      await page.getByRole('searchbox', { name: '名称、代码或法定代表人' }).fill('浏览器测试');
      await page.getByRole('searchbox', { name: '名称、代码或法定代表人' }).press('Enter');
      await page.getByRole('link', { name: '青岛浏览器测试食品有限公司' }).click();
      await page.getByTestId('enterprise-drawer').getByText('91370205MA3C000035').waitFor();
      assert.deepEqual(jsErrors(page), []);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
