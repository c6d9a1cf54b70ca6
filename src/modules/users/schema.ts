import { Type } from 'typebox';
import { ROLES } from '../../core/auth/roles.js';
import { Nullable, Paged, PageQuery, Strict, Text } from '../../core/http/schema-helpers.js';

const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const Grant = Type.Object({
  role: Type.String(),
  scope: Nullable(Type.String()),
  scopeName: Nullable(Type.String()),
});
export const GrantInput = Strict({
  role: RoleName,
  scope: Type.Optional(Nullable(Text(64))),
});

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  locale: Type.String(),
  roles: Type.Array(Grant),
  permissions: Type.Array(Type.String()),
});
export const Session = Type.Object({ user: Me, csrfToken: Type.String() });

export const LoginBody = Strict({
  username: Type.String({ minLength: 1, maxLength: 50 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export const ChangePasswordBody = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
});

export const UserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  isDemo: Type.Boolean(),
  roles: Type.Array(Grant),
  createdAt: Type.String(),
});
export const UserList = Paged(UserSummary);
export const UserListQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  role: Type.Optional(RoleName),
  ...PageQuery,
});
export const CreateUserBody = Strict({
  username: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$' }),
  displayName: Text(50),
  password: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Array(GrantInput, { minItems: 1, maxItems: 20 }),
});
export const UpdateUserBody = Strict({
  displayName: Type.Optional(Text(50)),
  roles: Type.Optional(Type.Array(GrantInput, { minItems: 1, maxItems: 20 })),
  disabled: Type.Optional(Type.Boolean()),
});
export const SetPasswordBody = Strict({ password: Type.String({ minLength: 1, maxLength: 200 }) });
export const IdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });
export const UnitParams = Strict({ code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{1,31}$' }) });

export const Token = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  permissions: Type.Array(Type.String()),
  expiresAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
});
export const NewToken = Type.Intersect([Token, Type.Object({ token: Type.String({ description: 'shown once' }) })]);
export const CreateTokenBody = Strict({
  name: Text(80),
  permissions: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 50 }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 730 }),
});
export const TokenPermission = Type.Object({ permission: Type.String(), description: Type.String() });
