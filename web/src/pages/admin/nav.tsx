import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { can } from '../../api/auth';
import type { Me } from '../../api/types';
import type { MsgKey } from '../../i18n';

export interface NavItem {
  path: string;
  label: MsgKey;
  /** One-line description for the home page's quick links. */
  hint?: MsgKey;
  icon: ReactNode;
  /** Shown only when /api/auth/me lists this permission. */
  permission?: string;
}

export const NAV: NavItem[] = [
  { path: '/admin', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/admin/orgs', label: 'nav.orgs', hint: 'home.q.orgs', icon: <ApartmentOutlined />, permission: 'orgs.read' },
  {
    path: '/admin/users',
    label: 'nav.users',
    hint: 'home.q.users',
    icon: <TeamOutlined />,
    permission: 'users.manage',
  },
  { path: '/admin/audit', label: 'nav.audit', hint: 'home.q.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  {
    path: '/admin/tokens',
    label: 'nav.tokens',
    hint: 'home.q.tokens',
    icon: <KeyOutlined />,
    permission: 'tokens.own',
  },
  { path: '/admin/profile', label: 'nav.profile', hint: 'home.q.profile', icon: <LockOutlined /> },
];

/** The menu entries this user may open. */
export function navFor(me: Me): NavItem[] {
  return NAV.filter((item) => !item.permission || can(me, item.permission));
}
