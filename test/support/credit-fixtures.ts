import { systemContext } from '../../src/core/context.js';
import { DEMO_PASSWORD } from '../../src/modules/users/demo.js';
import type { TestApp } from './app.js';

/** Inserts an enterprise row with only what credit tests need; returns its id. */
export async function insertEnterprise(
  t: TestApp,
  uscc: string,
  name: string,
  districtCode = '370202',
): Promise<number> {
  const now = t.clock.now().toISOString();
  const row = await t.db
    .insertInto('enterprises')
    .values({
      uscc,
      name,
      former_names: '[]',
      district_code: districtCode,
      status: 'active',
      code_warnings: '',
      source: 'test',
      demo: 0,
      list_flags: '',
      search_text: name.toLowerCase(),
      search_terms: '',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Creates a user with the enterprise role scoped to a USCC (the demo password). */
export async function createEnterpriseUser(t: TestApp, username: string, uscc: string): Promise<void> {
  await t.services.users.create(
    systemContext('system', 'test'),
    { username, displayName: username, password: DEMO_PASSWORD, roles: [{ role: 'enterprise', scope: uscc }] },
    { skipAccessCheck: true },
  );
}
