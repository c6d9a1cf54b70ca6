import type { RequestContext } from '../../core/context.js';
import type { CoreDeps } from '../../core/deps.js';
import * as repo from './repository.js';
import type { UserService } from './service.js';

/** The shared demo password; it meets the password policy so the accounts behave like real ones. */
export const DEMO_PASSWORD = 'Demo@12345';

/** Demo accounts loaded in demo mode: one per kind of user the foundation knows. */
export const DEMO_ACCOUNTS = [
  {
    username: 'admin',
    displayName: '质量办管理员',
    label: { zh: '质量办(管理员)', en: 'Quality office (admin)' },
    roles: [{ role: 'admin', scope: null }],
  },
  {
    username: 'qts',
    displayName: '市质监局督查员',
    label: { zh: '市质监局', en: 'Quality & Technical Supervision Bureau' },
    roles: [{ role: 'unit', scope: 'QTS' }],
  },
  {
    username: 'edu',
    displayName: '市教育局联络员',
    label: { zh: '市教育局', en: 'Education Bureau' },
    roles: [{ role: 'unit', scope: 'EDU' }],
  },
  {
    username: 'shinan',
    displayName: '市南区质量办',
    label: { zh: '市南区政府', en: 'Shinan District' },
    roles: [{ role: 'unit', scope: '370202' }],
  },
  {
    username: 'leader',
    displayName: '分管副市长',
    label: { zh: '市领导(只读)', en: 'City leader (read-only)' },
    roles: [{ role: 'leader', scope: null }],
  },
  {
    username: 'assessor',
    displayName: '考核组成员',
    label: { zh: '考核人员', en: 'Assessor' },
    roles: [{ role: 'assessor', scope: null }],
  },
  {
    username: 'hospital',
    displayName: '青大附院监测员',
    label: { zh: '哨点医院', en: 'Sentinel hospital' },
    roles: [{ role: 'reporter', scope: 'H-QDUH' }],
  },
  {
    // The first enterprise of the demo registry (qcity gen, seed 2015, index 0): 华东宏晖检测技术厂.
    username: 'qiye',
    displayName: '华东宏晖检测技术厂',
    label: { zh: '企业用户', en: 'Enterprise' },
    roles: [{ role: 'enterprise', scope: '91370203MA7BFL2018' }],
  },
  {
    username: 'lockme',
    displayName: '锁定演示账号',
    label: { zh: '锁定演示', en: 'Lockout demo' },
    roles: [{ role: 'unit', scope: 'EDU' }],
  },
] as const;

/** Creates any missing demo account; existing ones are left alone. Returns the names created. */
export async function ensureDemoAccounts(core: CoreDeps, users: UserService, ctx: RequestContext): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await repo.findUserByUsername(core.db, account.username)) continue;
    await users.create(
      ctx,
      {
        username: account.username,
        displayName: account.displayName,
        password: DEMO_PASSWORD,
        roles: account.roles.map((r) => ({ role: r.role, scope: r.scope })),
        isDemo: true,
      },
      { skipAccessCheck: true },
    );
    created.push(account.username);
  }
  return created;
}

/** Outside demo mode no demo account may log in: any left from an earlier demo run is disabled. */
export async function disableDemoAccounts(core: CoreDeps, users: UserService, ctx: RequestContext): Promise<string[]> {
  const disabled: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const row = await repo.findUserByUsername(core.db, account.username);
    if (!row?.is_demo || row.disabled) continue;
    // A demo account has a published password, so it goes even if it is the last admin:
    // production admins come from `qcity user add`.
    await users.update(ctx, Number(row.id), { disabled: true }, { skipAccessCheck: true, allowNoAdmin: true });
    disabled.push(account.username);
  }
  return disabled;
}
