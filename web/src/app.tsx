import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api/client';
import { ErrorBoundary } from './components/error-boundary';
import { RequireAuth, RequirePermission } from './components/require-auth';
import { I18nProvider } from './i18n';
import { AdminLayout } from './pages/admin/admin-layout';
import { LoginPage } from './pages/auth/login-page';
import { NotFoundPage, RouteErrorPage } from './pages/errors/error-pages';
import { PortalPage } from './pages/portal/portal-page';

const AdminHome = lazy(() => import('./pages/admin/admin-home'));
const OrgsPage = lazy(() => import('./pages/orgs/orgs-page'));
const UsersPage = lazy(() => import('./pages/users/users-page'));
const TokensPage = lazy(() => import('./pages/tokens/tokens-page'));
const AuditPage = lazy(() => import('./pages/audit/audit-page'));
const ChangePasswordPage = lazy(() => import('./pages/auth/change-password-page'));
const PlansPage = lazy(() => import('./pages/plans/plans-page'));
const PlanImportPage = lazy(() => import('./pages/plans/plan-import-page'));
const PlanDetailPage = lazy(() => import('./pages/plans/plan-detail-page'));
const PlanRevisionPage = lazy(() => import('./pages/plans/plan-revision-page'));
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page'));
const DashboardEntry = lazy(() => import('./pages/dashboard/dashboard-entry'));
const AssignmentsPage = lazy(() => import('./pages/assignments/assignments-page'));
const AssignmentPage = lazy(() => import('./pages/assignments/assignment-page'));
const ReviewsPage = lazy(() => import('./pages/reviews/reviews-page'));
const SubPlansEntry = lazy(() => import('./pages/subplans/sub-plans-entry'));
const SubPlanPage = lazy(() => import('./pages/subplans/sub-plan-page'));
const BulletinsPage = lazy(() => import('./pages/bulletins/bulletins-page'));
const BulletinPage = lazy(() => import('./pages/bulletins/bulletin-page'));
const BulletinPrintPage = lazy(() => import('./pages/bulletins/bulletin-print-page'));
const InboxPage = lazy(() => import('./pages/notices/inbox-page'));
const NoticesPage = lazy(() => import('./pages/notices/notices-page'));
const PublicSearchPage = lazy(() => import('./pages/registry/public-search-page'));
const RegistryPage = lazy(() => import('./pages/registry/registry-page'));
const RegistryImportPage = lazy(() => import('./pages/registry/registry-import-page'));
const EnterpriseCreditPage = lazy(() => import('./pages/credit-public/enterprise-credit-page'));
const CreditListPage = lazy(() => import('./pages/credit-public/credit-list-page'));
const CreditReportPage = lazy(() => import('./pages/credit-public/credit-report-page'));
const VerifyReportPage = lazy(() => import('./pages/credit-public/verify-page'));
const MyCreditPage = lazy(() => import('./pages/credit/my-credit-page'));
const CreditRecordsPage = lazy(() => import('./pages/credit/records-page'));
const ListEntriesPage = lazy(() => import('./pages/credit/list-entries-page'));
const ObjectionsPage = lazy(() => import('./pages/credit/objections-page'));
const RepairsPage = lazy(() => import('./pages/credit/repairs-page'));
const DrawsPage = lazy(() => import('./pages/credit-admin/draws-page'));
const DrawDetailPage = lazy(() => import('./pages/credit-admin/draw-detail-page'));
const GradesPage = lazy(() => import('./pages/credit-admin/grades-page'));
const RuleSetsPage = lazy(() => import('./pages/credit-admin/rule-sets-page'));
const HolidaysPage = lazy(() => import('./pages/credit-admin/holidays-page'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>{children}</Suspense>;
}

function guarded(permission: string, page: ReactNode) {
  return (
    <RequirePermission permission={permission}>
      <Lazy>{page}</Lazy>
    </RequirePermission>
  );
}

const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <PortalPage /> },
      { path: '/login', element: <LoginPage /> },
      // Public enterprise search (credit.md §7.4): no login; the query lives in the URL.
      {
        path: '/credit',
        element: (
          <Lazy>
            <PublicSearchPage />
          </Lazy>
        ),
      },
      // Public credit disclosure (credit.md §7): no login, outside RequireAuth.
      {
        path: '/credit/enterprises/:id',
        element: (
          <Lazy>
            <EnterpriseCreditPage />
          </Lazy>
        ),
      },
      {
        path: '/credit/enterprises/:id/report',
        element: (
          <Lazy>
            <CreditReportPage />
          </Lazy>
        ),
      },
      {
        path: '/credit/lists/:code',
        element: (
          <Lazy>
            <CreditListPage />
          </Lazy>
        ),
      },
      {
        path: '/verify/:reportId',
        element: (
          <Lazy>
            <VerifyReportPage />
          </Lazy>
        ),
      },
      // The printable bulletin: signed in, but without the workspace's menu and header around the A4 sheet.
      {
        path: '/print/bulletins/:id',
        element: <RequireAuth>{guarded('plans.read', <BulletinPrintPage />)}</RequireAuth>,
      },
      {
        path: '/admin',
        element: (
          <RequireAuth>
            <AdminLayout />
          </RequireAuth>
        ),
        children: [
          {
            index: true,
            element: (
              <Lazy>
                <AdminHome />
              </Lazy>
            ),
          },
          { path: 'orgs', element: guarded('orgs.read', <OrgsPage />) },
          { path: 'users', element: guarded('users.manage', <UsersPage />) },
          { path: 'tokens', element: guarded('tokens.own', <TokensPage />) },
          { path: 'audit', element: guarded('audit.read', <AuditPage />) },
          { path: 'plans', element: guarded('plans.read', <PlansPage />) },
          { path: 'plans/import', element: guarded('plans.manage', <PlanImportPage />) },
          { path: 'plans/:id', element: guarded('plans.read', <PlanDetailPage />) },
          { path: 'plans/:id/dashboard', element: guarded('plans.read', <DashboardPage />) },
          { path: 'plans/:id/revision', element: guarded('plans.manage', <PlanRevisionPage />) },
          { path: 'dashboard', element: guarded('plans.read', <DashboardEntry />) },
          { path: 'assignments', element: guarded('assignments.read', <AssignmentsPage />) },
          { path: 'assignments/:id', element: guarded('assignments.read', <AssignmentPage />) },
          { path: 'reviews', element: guarded('assignments.review', <ReviewsPage />) },
          { path: 'sub-plans', element: guarded('subplans.read', <SubPlansEntry />) },
          { path: 'sub-plans/:id', element: guarded('subplans.read', <SubPlanPage />) },
          { path: 'bulletins', element: guarded('plans.read', <BulletinsPage />) },
          { path: 'bulletins/:id', element: guarded('plans.read', <BulletinPage />) },
          { path: 'inbox', element: guarded('notices.read', <InboxPage />) },
          { path: 'notices', element: guarded('notices.manage', <NoticesPage />) },
          { path: 'enterprises', element: guarded('enterprises.read', <RegistryPage />) },
          { path: 'enterprises/import', element: guarded('enterprises.manage', <RegistryImportPage />) },
          { path: 'credit/mine', element: guarded('credit.self', <MyCreditPage />) },
          { path: 'credit/records', element: guarded('credit.read', <CreditRecordsPage />) },
          { path: 'credit/lists', element: guarded('credit.read', <ListEntriesPage />) },
          { path: 'credit/objections', element: guarded('credit.decide', <ObjectionsPage />) },
          { path: 'credit/repairs', element: guarded('credit.decide', <RepairsPage />) },
          { path: 'credit/draws', element: guarded('credit.draws', <DrawsPage />) },
          { path: 'credit/draws/:id', element: guarded('credit.draws', <DrawDetailPage />) },
          { path: 'credit/grades', element: guarded('enterprises.read', <GradesPage />) },
          { path: 'credit/rule-sets', element: guarded('credit.rules', <RuleSetsPage />) },
          { path: 'credit/holidays', element: guarded('credit.rules', <HolidaysPage />) },
          {
            path: 'profile',
            element: (
              <Lazy>
                <ChangePasswordPage />
              </Lazy>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (401, 403, 404, validation) will not change on retry.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Providers (queries, language, antd) around the router. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ErrorBoundary>
          <RouterProvider router={router} />
        </ErrorBoundary>
      </I18nProvider>
    </QueryClientProvider>
  );
}
