import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FunctionOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  MedicineBoxOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UnorderedListOutlined,
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
  /** Hidden when the user holds this permission (a sibling entry with the same path takes over). */
  unless?: string;
  /** Paths this entry is selected for, beyond those starting with `path`. */
  match?: RegExp;
  /** Listed first among the home page's quick links (the day-to-day business). */
  featured?: boolean;
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
  // Plan supervision (督查督办). After the registry entries: test/e2e/admin.test.ts pins the first four.
  {
    path: '/admin/plans',
    label: 'nav.plans',
    hint: 'home.q.plans',
    icon: <ScheduleOutlined />,
    featured: true,
    permission: 'plans.read',
  },
  {
    path: '/admin/dashboard',
    label: 'nav.dashboard',
    hint: 'home.q.dashboard',
    icon: <DashboardOutlined />,
    featured: true,
    permission: 'plans.read',
    match: /^\/admin\/plans\/\d+\/dashboard/,
  },
  {
    path: '/admin/assignments',
    label: 'nav.myAssignments',
    hint: 'home.q.myAssignments',
    icon: <CarryOutOutlined />,
    featured: true,
    permission: 'assignments.work',
  },
  {
    path: '/admin/assignments',
    label: 'nav.assignments',
    hint: 'home.q.assignments',
    icon: <CarryOutOutlined />,
    featured: true,
    permission: 'assignments.read',
    unless: 'assignments.work',
  },
  {
    path: '/admin/reviews',
    label: 'nav.reviews',
    hint: 'home.q.reviews',
    icon: <FileSearchOutlined />,
    featured: true,
    permission: 'assignments.review',
  },
  {
    path: '/admin/sub-plans',
    label: 'nav.subPlans',
    hint: 'home.q.subPlans',
    icon: <FileDoneOutlined />,
    featured: true,
    permission: 'subplans.read',
  },
  {
    path: '/admin/bulletins',
    label: 'nav.bulletins',
    hint: 'home.q.bulletins',
    icon: <FileTextOutlined />,
    featured: true,
    // Every plan reader sees issued bulletins; drafts are for the office and leaders (the server filters).
    permission: 'plans.read',
  },
  {
    path: '/admin/inbox',
    label: 'nav.inbox',
    hint: 'home.q.inbox',
    icon: <BellOutlined />,
    featured: true,
    permission: 'notices.read',
  },
  {
    path: '/admin/notices',
    label: 'nav.notices',
    hint: 'home.q.notices',
    icon: <AlertOutlined />,
    permission: 'notices.manage',
  },
  // Enterprise registry (企业名录): government users read it, the office imports it.
  {
    path: '/admin/enterprises',
    label: 'nav.registry',
    hint: 'home.q.registry',
    icon: <ShopOutlined />,
    permission: 'enterprises.read',
  },
  {
    path: '/admin/enterprises/import',
    label: 'nav.registryImport',
    hint: 'home.q.registryImport',
    icon: <CloudUploadOutlined />,
    permission: 'enterprises.manage',
  },
  // Quality credit (质量信用): the enterprise sees its own; government users the records, lists and queues.
  {
    path: '/admin/credit/mine',
    label: 'nav.creditMine',
    hint: 'home.q.creditMine',
    icon: <SafetyCertificateOutlined />,
    featured: true,
    permission: 'credit.self',
  },
  {
    path: '/admin/credit/records',
    label: 'nav.creditRecords',
    hint: 'home.q.creditRecords',
    icon: <ProfileOutlined />,
    permission: 'credit.read',
    // Enterprises also hold credit.read (own scope); their page is "my credit".
    unless: 'credit.self',
  },
  {
    path: '/admin/credit/lists',
    label: 'nav.creditLists',
    hint: 'home.q.creditLists',
    icon: <UnorderedListOutlined />,
    permission: 'credit.read',
    unless: 'credit.self',
  },
  {
    path: '/admin/credit/objections',
    label: 'nav.creditObjections',
    hint: 'home.q.creditObjections',
    icon: <ExceptionOutlined />,
    permission: 'credit.decide',
  },
  {
    path: '/admin/credit/repairs',
    label: 'nav.creditRepairs',
    hint: 'home.q.creditRepairs',
    icon: <MedicineBoxOutlined />,
    permission: 'credit.decide',
  },
  // The office's credit administration: draws, grades, rule sets, holidays (pages/credit-admin).
  {
    path: '/admin/credit/draws',
    label: 'nav.creditDraws',
    hint: 'home.q.creditDraws',
    icon: <ReconciliationOutlined />,
    permission: 'credit.draws',
  },
  {
    path: '/admin/credit/grades',
    label: 'nav.creditGrades',
    hint: 'home.q.creditGrades',
    icon: <BarChartOutlined />,
    permission: 'enterprises.read',
  },
  {
    path: '/admin/credit/rule-sets',
    label: 'nav.creditRuleSets',
    hint: 'home.q.creditRuleSets',
    icon: <FunctionOutlined />,
    permission: 'credit.rules',
  },
  {
    path: '/admin/credit/holidays',
    label: 'nav.creditHolidays',
    hint: 'home.q.creditHolidays',
    icon: <CalendarOutlined />,
    permission: 'credit.rules',
  },
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
  return NAV.filter((item) => (!item.permission || can(me, item.permission)) && !(item.unless && can(me, item.unless)));
}

/** The entry to highlight for a path: an explicit `match` first, else the longest matching prefix. */
export function selectedNav(items: NavItem[], pathname: string): string {
  const matched = items.find((i) => i.match?.test(pathname));
  if (matched) return matched.path;
  return [...items].reverse().find((i) => pathname.startsWith(i.path))?.path ?? '/admin';
}
