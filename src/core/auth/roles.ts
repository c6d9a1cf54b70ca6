/** The roles a user can hold; several may be held, each with its own scope. */
export const ROLES = ['admin', 'unit', 'leader', 'assessor', 'enterprise', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

/** What kind of scope each role needs. */
export const ROLE_SCOPE: Record<Role, 'none' | 'unit' | 'enterprise' | 'hospital'> = {
  admin: 'none',
  unit: 'unit',
  leader: 'none',
  assessor: 'none',
  enterprise: 'enterprise',
  reporter: 'hospital',
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '质量办管理员', en: 'Quality office (admin)' },
  unit: { zh: '责任单位', en: 'Unit staff' },
  leader: { zh: '领导(只读)', en: 'Leader (read-only)' },
  assessor: { zh: '考核人员', en: 'Assessor' },
  enterprise: { zh: '企业用户', en: 'Enterprise' },
  reporter: { zh: '哨点医院填报员', en: 'Hospital reporter' },
};

/** True for a known role name. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
