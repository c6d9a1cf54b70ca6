import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor, RequestContext, RoleGrant } from '../context.js';
import { QcError } from '../errors.js';
import {
  allowingGrant,
  authorize,
  can,
  isPermission,
  PERMISSION_LABELS,
  type Permission,
  POLICY,
  permissionsOf,
} from './access.js';
import { ROLES } from './roles.js';

function actor(roles: RoleGrant[], tokenPermissions: string[] | null = null): Actor {
  return {
    userId: 7,
    username: 'u',
    displayName: 'U',
    roles,
    tokenPermissions,
    sessionId: tokenPermissions ? null : 's',
  };
}

function ctx(a: Actor | null, authProblem?: RequestContext['authProblem']): RequestContext {
  return { actor: a, requestId: 'r', source: 'ui', lang: 'zh', ...(authProblem ? { authProblem } : {}) };
}

function denied(fn: () => unknown, code: string) {
  assert.throws(fn, (err: unknown) => err instanceof QcError && err.code === code);
}

const admin = actor([{ role: 'admin', scope: null }]);
const edu = actor([{ role: 'unit', scope: 'EDU' }]);
const leader = actor([{ role: 'leader', scope: null }]);
const assessor = actor([{ role: 'assessor', scope: null }]);
const hospital = actor([{ role: 'reporter', scope: 'H-QDUH' }]);
const enterprise = actor([{ role: 'enterprise', scope: '91370200MA3C00000X' }]);

describe('access policy', () => {
  it('declares a label for every permission and only known roles', () => {
    for (const p of Object.keys(POLICY)) {
      assert.ok(PERMISSION_LABELS[p as Permission], `label for ${p}`);
      for (const role of Object.keys(POLICY[p as Permission]))
        assert.ok((ROLES as readonly string[]).includes(role), role);
    }
  });

  /** Work only the responsible unit (or the enterprise) itself does; the office reviews it. */
  const UNIT_ONLY: Permission[] = ['assignments.work', 'subplans.file', 'credit.self'];

  it('admin may do everything declared except a unit’s own work', () => {
    for (const p of Object.keys(POLICY) as Permission[]) {
      assert.equal(can(admin, p, { unitCode: 'QTS' }), !UNIT_ONLY.includes(p), p);
    }
  });

  it('unit staff act on their own unit only', () => {
    assert.ok(can(edu, 'orgs.contact.edit', { unitCode: 'EDU' }));
    assert.ok(!can(edu, 'orgs.contact.edit', { unitCode: 'QTS' }));
    assert.ok(can(edu, 'orgs.staff.read', { unitCode: 'EDU' }));
    assert.ok(!can(edu, 'orgs.staff.read', { unitCode: 'QTS' }));
    assert.ok(can(edu, 'audit.read', { unitCode: 'EDU' }));
    assert.ok(!can(edu, 'audit.read', { unitCode: 'QTS' }));
    // An own-unit rule without a target (or with a null unit) cannot be satisfied.
    assert.ok(!can(edu, 'orgs.contact.edit'));
    assert.ok(!can(edu, 'orgs.contact.edit', { unitCode: null }));
    assert.ok(!can(edu, 'audit.read', {}));
    // Another kind of target does not count as the unit.
    assert.ok(!can(edu, 'orgs.contact.edit', { enterpriseCode: 'EDU', hospitalCode: 'EDU' }));
    assert.ok(!can(edu, 'orgs.manage'));
    assert.ok(!can(edu, 'users.manage'));
    assert.ok(can(edu, 'orgs.read'));
  });

  it('a unit grant without a scope matches nothing scoped', () => {
    const broken = actor([{ role: 'unit', scope: null }]);
    assert.ok(!can(broken, 'orgs.contact.edit', { unitCode: 'EDU' }));
    assert.ok(!can(broken, 'orgs.contact.edit', { unitCode: null }));
  });

  it('a user with several unit grants acts on each of them', () => {
    const both = actor([
      { role: 'unit', scope: 'EDU' },
      { role: 'unit', scope: 'QTS' },
    ]);
    assert.ok(can(both, 'orgs.contact.edit', { unitCode: 'EDU' }));
    assert.ok(can(both, 'orgs.contact.edit', { unitCode: 'QTS' }));
    assert.ok(!can(both, 'orgs.contact.edit', { unitCode: 'AIC' }));
    assert.deepEqual(allowingGrant(both, 'orgs.contact.edit', { unitCode: 'QTS' }), { role: 'unit', scope: 'QTS' });
  });

  it('leader reads everything and writes nothing', () => {
    assert.ok(can(leader, 'orgs.read'));
    assert.ok(can(leader, 'orgs.staff.read', { unitCode: 'QTS' }));
    assert.ok(can(leader, 'audit.read', { unitCode: 'QTS' }));
    for (const p of ['orgs.manage', 'orgs.contact.edit', 'users.manage', 'audit.verify'] as Permission[]) {
      assert.ok(!can(leader, p, { unitCode: 'QTS' }), p);
    }
  });

  it('denies what the policy does not declare', () => {
    assert.ok(!can(hospital, 'orgs.read'));
    assert.ok(!can(enterprise, 'orgs.read'));
    assert.ok(!can(assessor, 'orgs.staff.read', { unitCode: 'EDU' }));
    assert.ok(!can(actor([]), 'orgs.read'));
    assert.ok(!can(null, 'orgs.read'));
    // Unknown roles and permissions (e.g. read back from storage) are denied, never an exception.
    assert.ok(!can(actor([{ role: 'superuser' as never, scope: null }]), 'orgs.read'));
    assert.ok(!can(admin, 'orgs.delete' as Permission));
    assert.ok(!can(admin, 'constructor' as Permission));
    assert.ok(!can(actor([{ role: 'constructor' as never, scope: null }]), 'orgs.read'));
    assert.ok(!isPermission('constructor'));
    assert.ok(!isPermission('orgs.delete'));
    assert.ok(isPermission('orgs.read'));
  });

  it('an API token restricts to its permissions, within what the owner holds', () => {
    const token = actor([{ role: 'admin', scope: null }], ['orgs.read']);
    assert.ok(can(token, 'orgs.read'));
    assert.ok(!can(token, 'orgs.manage'));
    assert.ok(!can(token, 'users.manage'));
    const unitToken = actor([{ role: 'unit', scope: 'EDU' }], ['orgs.contact.edit', 'users.manage']);
    assert.ok(can(unitToken, 'orgs.contact.edit', { unitCode: 'EDU' }));
    assert.ok(!can(unitToken, 'orgs.contact.edit', { unitCode: 'QTS' }));
    // The token names users.manage, but its owner does not hold it.
    assert.ok(!can(unitToken, 'users.manage'));
    assert.ok(!can(actor([{ role: 'admin', scope: null }], []), 'orgs.read'));
  });

  it('permissionsOf lists what drives the menu, token-restricted', () => {
    assert.deepEqual(
      permissionsOf(admin).sort(),
      (Object.keys(POLICY) as Permission[]).filter((p) => !UNIT_ONLY.includes(p)).sort(),
    );
    assert.deepEqual(permissionsOf(edu).sort(), [
      'assignments.read',
      'assignments.work',
      'audit.read',
      'credit.decide',
      'credit.read',
      'credit.record',
      'enterprises.read',
      'files.upload',
      'notices.read',
      'orgs.contact.edit',
      'orgs.read',
      'orgs.staff.read',
      'plans.read',
      'subplans.file',
      'subplans.read',
      'tokens.own',
    ]);
    assert.deepEqual(permissionsOf(leader).sort(), [
      'assignments.read',
      'audit.read',
      'bulletins.read',
      'credit.read',
      'enterprises.read',
      'notices.read',
      'orgs.read',
      'orgs.staff.read',
      'plans.read',
      'subplans.read',
      'tokens.own',
    ]);
    assert.deepEqual(permissionsOf(hospital).sort(), ['files.upload', 'tokens.own']);
    assert.deepEqual(permissionsOf(actor([{ role: 'admin', scope: null }], ['orgs.read', 'nope'])), ['orgs.read']);
  });
});

describe('authorize', () => {
  it('answers 401 without an actor, naming why credentials failed', () => {
    denied(() => authorize(ctx(null), 'orgs.read'), 'QC_ERR_AUTH_REQUIRED');
    denied(() => authorize(ctx(null, 'QC_ERR_AUTH_SESSION_EXPIRED'), 'orgs.read'), 'QC_ERR_AUTH_SESSION_EXPIRED');
    denied(() => authorize(ctx(null, 'QC_ERR_AUTH_TOKEN_INVALID'), 'orgs.read'), 'QC_ERR_AUTH_TOKEN_INVALID');
    try {
      authorize(ctx(null), 'orgs.read');
    } catch (err) {
      assert.equal((err as QcError).status, 401);
    }
  });

  it('answers 403 when no grant allows it', () => {
    denied(() => authorize(ctx(edu), 'orgs.contact.edit', { unitCode: 'QTS' }), 'QC_ERR_FORBIDDEN');
    denied(() => authorize(ctx(leader), 'orgs.manage'), 'QC_ERR_FORBIDDEN');
    denied(() => authorize(ctx(hospital), 'orgs.read'), 'QC_ERR_FORBIDDEN');
  });

  it('records the grant that allowed the action, for the audit row', () => {
    const a = actor([
      { role: 'leader', scope: null },
      { role: 'unit', scope: 'EDU' },
      { role: 'unit', scope: 'QTS' },
    ]);
    assert.equal(authorize(ctx(a), 'orgs.contact.edit', { unitCode: 'QTS' }), a);
    assert.deepEqual(a.activeGrant, { role: 'unit', scope: 'QTS' });
    authorize(ctx(a), 'orgs.read');
    assert.deepEqual(a.activeGrant, { role: 'leader', scope: null });
  });
});
