import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  type Caller,
  createTestApp,
  expectError,
  expectOk,
  expectRefused,
  type TestApp,
} from '../../../test/support/app.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { multipartBody } from '../../../test/support/file-fixtures.js';
import { dataFile } from '../../paths.js';
import { DEFAULT_PLAN_FILE } from './seed.js';

const SEED = fs.readFileSync(dataFile(DEFAULT_PLAN_FILE), 'utf8');

interface Preview {
  header: { field: string; old: unknown; new: unknown }[];
  summary: {
    measures: Record<string, number>;
    actions: Record<string, number>;
    assignments: { added: number; removed: number; roleChanged: number };
  };
  measures: {
    status: string;
    old: { title: string } | null;
    new: { title: string } | null;
    changes: { field: string; old: unknown; new: unknown }[];
    units: { added: { unitCode: string }[]; removed: { unitCode: string }[] };
  }[];
  units: Record<string, string>;
}

for (const dialect of DIALECTS) {
  describe(`revised text of a published plan (${dialect})`, { timeout: 180_000 }, () => {
    let t: TestApp;
    let admin: Caller;
    let edu: Caller;
    let planId: number;

    before(async () => {
      t = await createTestApp(dialect);
      [admin, edu] = await Promise.all([t.login('admin'), t.login('edu')]);
      planId = Number((await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id);
    });
    after(async () => {
      assert.deepEqual(t?.serverErrors ?? [], [], 'no request answered 5xx');
      await t?.close();
    });

    it('the published text itself changes nothing', async () => {
      const p = expectOk<Preview>(await admin.post(`/api/plans/${planId}/revision`, { text: SEED }));
      assert.deepEqual(p.header, []);
      assert.deepEqual(p.summary.measures, { added: 0, removed: 0, changed: 0, unchanged: 18 });
      assert.deepEqual(p.summary.actions, { added: 0, removed: 0, changed: 0, unchanged: 86 });
      assert.deepEqual(p.summary.assignments, { added: 0, removed: 0, roleChanged: 0 });
    });

    it('a retitled measure, a dropped unit and a new sentence show up, and nothing is written', async () => {
      const revised = SEED.replace('(一)提高劳动者技能。', '(一)全面提高劳动者技能。')
        .replace('(市教育局、市人力资源社会保障局、市质监局按职责分工负责)', '(市教育局、市质监局按职责分工负责)')
        .replace('组织开展职业技能竞赛。', '组织开展职业技能竞赛。建立技能大师工作室。');
      const before = await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const p = expectOk<Preview>(await admin.post(`/api/plans/${planId}/revision`, { text: revised }));
      assert.deepEqual(p.summary.measures, { added: 0, removed: 0, changed: 1, unchanged: 17 });
      const [first] = p.measures;
      assert.equal(first!.status, 'changed');
      assert.deepEqual(
        first!.changes.find((c) => c.field === 'title'),
        {
          field: 'title',
          old: '提高劳动者技能',
          new: '全面提高劳动者技能',
        },
      );
      assert.deepEqual(
        first!.units.removed.map((u) => u.unitCode),
        ['HRSS'],
      );
      assert.equal(p.units.HRSS, '市人力资源社会保障局');
      assert.equal(p.summary.actions.added, 1);
      const afterCount = await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    it('accepts the revision as an uploaded file', async () => {
      const { body, contentType } = multipartBody([
        { name: 'file', filename: 'revised.txt', contentType: 'text/plain', data: Buffer.from(SEED, 'utf8') },
      ]);
      const p = expectOk<Preview>(
        await admin.post(`/api/plans/${planId}/revision/file`, undefined, {
          raw: body,
          headers: { 'content-type': contentType },
        }),
      );
      assert.equal(p.summary.measures.unchanged, 18);
    });

    it('refuses units, drafts and text that is not a plan, changing nothing', async () => {
      await expectRefused(
        t.db,
        () => edu.post(`/api/plans/${planId}/revision`, { text: SEED }),
        403,
        'QC_ERR_FORBIDDEN',
      );
      await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${planId}/revision`, { text: '这不是一份行动计划。' }),
        400,
        'QC_ERR_PLAN_PARSE',
      );
      expectError(await admin.post('/api/plans/999999/revision', { text: SEED }), 404, 'QC_ERR_PLAN_NOT_FOUND');
      const draft = expectOk<{ id: number }>(
        await admin.post('/api/plans/import', { text: SEED, code: 'QD2015B' }),
        201,
      );
      await expectRefused(
        t.db,
        () => admin.post(`/api/plans/${draft.id}/revision`, { text: SEED }),
        409,
        'QC_ERR_PLAN_NOT_PUBLISHED',
      );
    });
  });
}
