import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { systemContext } from './core/context.js';
import type { DatabaseHandle } from './core/db/connect.js';
import { migrateToLatest } from './core/db/migrator.js';
import { type CoreDeps, createCore } from './core/deps.js';
import { FileService } from './core/files/files.service.js';
import { fileRoutes } from './core/files/routes.js';
import { createHttpServer } from './core/http/server.js';
import type { DailyJob } from './core/jobs/scheduler.js';
import { auditRoutes } from './modules/audit/routes.js';
import { AuditService } from './modules/audit/service.js';
import { drawRoutes } from './modules/credit/draws.routes.js';
import { DrawService } from './modules/credit/draws.service.js';
import { CREDIT_EXPIRY_JOB, ExpiryService } from './modules/credit/expiry.service.js';
import { loadDemoRegistry } from './modules/credit/gen/demo.js';
import { gradeRoutes } from './modules/credit/grades.routes.js';
import { GRADE_JOB, GradeService } from './modules/credit/grades.service.js';
import { holidayRoutes } from './modules/credit/holidays.routes.js';
import { HolidayService } from './modules/credit/holidays.service.js';
import { InspectorService } from './modules/credit/inspectors.service.js';
import { ListService } from './modules/credit/lists.service.js';
import { ObjectionService } from './modules/credit/objections.service.js';
import { publicCreditRoutes } from './modules/credit/public.routes.js';
import { PublicCreditService } from './modules/credit/public.service.js';
import { creditWorkRoutes } from './modules/credit/records.routes.js';
import { CreditService } from './modules/credit/records.service.js';
import { registryRoutes } from './modules/credit/registry.routes.js';
import { RegistryService } from './modules/credit/registry.service.js';
import { RegistryImportService } from './modules/credit/registry-import.service.js';
import { RepairService } from './modules/credit/repairs.service.js';
import { ruleSetRoutes } from './modules/credit/rulesets.routes.js';
import { readHolidaySeed, seedCreditRules } from './modules/credit/rulesets.seed.js';
import { RuleSetService } from './modules/credit/rulesets.service.js';
import { orgRoutes } from './modules/orgs/routes.js';
import { readOrgSeed, seedOrgRegistry } from './modules/orgs/seed.js';
import { OrgService } from './modules/orgs/service.js';
import { assignmentRoutes } from './modules/plans/assignment.routes.js';
import { AssignmentService } from './modules/plans/assignment.service.js';
import { registerPlanAuditScopes } from './modules/plans/audit-scopes.js';
import { bulletinRoutes } from './modules/plans/bulletin.routes.js';
import { BulletinService } from './modules/plans/bulletin.service.js';
import { dashboardRoutes } from './modules/plans/dashboard.routes.js';
import { DashboardService } from './modules/plans/dashboard.service.js';
import { generateDemoProgress } from './modules/plans/demo-data.js';
import { noticeRoutes } from './modules/plans/notice.routes.js';
import { NoticeService, REMINDER_JOB } from './modules/plans/notice.service.js';
import { planRoutes } from './modules/plans/plan.routes.js';
import { PlanService } from './modules/plans/plan.service.js';
import { reportRoutes } from './modules/plans/report.routes.js';
import { ReportService } from './modules/plans/report.service.js';
import { revisionRoutes } from './modules/plans/revision.routes.js';
import { RevisionService } from './modules/plans/revision.service.js';
import { roundTripRoutes } from './modules/plans/roundtrip.routes.js';
import { RoundTripService } from './modules/plans/roundtrip.service.js';
import { importDefaultPlan } from './modules/plans/seed.js';
import { subPlanRoutes } from './modules/plans/subplan.routes.js';
import { SubPlanService } from './modules/plans/subplan.service.js';
import { systemRoutes } from './modules/system/routes.js';
import { SystemService } from './modules/system/service.js';
import { AuthService } from './modules/users/auth.service.js';
import { disableDemoAccounts, ensureDemoAccounts } from './modules/users/demo.js';
import { userRoutes } from './modules/users/routes.js';
import { UserService } from './modules/users/service.js';
import { dataFile, PROJECT_ROOT } from './paths.js';

/** Every module service, built once per process; routes and CLI commands call these. */
export interface Services {
  core: CoreDeps;
  files: FileService;
  system: SystemService;
  orgs: OrgService;
  plans: PlanService;
  subPlans: SubPlanService;
  dashboards: DashboardService;
  bulletins: BulletinService;
  assignments: AssignmentService;
  reports: ReportService;
  roundTrip: RoundTripService;
  notices: NoticeService;
  revisions: RevisionService;
  auth: AuthService;
  users: UserService;
  audit: AuditService;
  registry: RegistryService;
  registryImport: RegistryImportService;
  creditRecords: CreditService;
  creditLists: ListService;
  creditObjections: ObjectionService;
  creditRepairs: RepairService;
  creditExpiry: ExpiryService;
  creditPublic: PublicCreditService;
  ruleSets: RuleSetService;
  holidays: HolidayService;
  grades: GradeService;
  draws: DrawService;
  inspectors: InspectorService;
}

/** Demo progress is simulated up to this day when no QCITY_AS_OF is set. */
const DEMO_DATA_AS_OF = '2015-10-15';

/** The application version, from package.json. */
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

/** Wires module services together, lower modules first (core ← orgs ← users). */
export function createServices(config: Config, handle: DatabaseHandle, clock?: Clock): Services {
  const core = createCore(config, handle, clock);
  const orgs = new OrgService(core);
  const subPlans = new SubPlanService(core);
  const plans = new PlanService(core, orgs, subPlans);
  const files = new FileService(core);
  const assignments = new AssignmentService(core);
  const audit = new AuditService(core);
  registerPlanAuditScopes(audit, core.db);
  const dashboards = new DashboardService(core, plans);
  return {
    core,
    files,
    system: new SystemService(core, VERSION),
    orgs,
    plans,
    subPlans,
    dashboards,
    bulletins: new BulletinService(core, plans, dashboards),
    assignments,
    reports: new ReportService(core, assignments, files),
    roundTrip: new RoundTripService(core, assignments),
    notices: new NoticeService(core, plans),
    revisions: new RevisionService(core, orgs, plans),
    auth: new AuthService(core),
    users: new UserService(core, orgs),
    audit,
    registry: new RegistryService(core),
    registryImport: new RegistryImportService(core, files),
    ...creditServices(core),
  };
}

/** Credit records, lists, objections, repair, expiry and public pages; A's GradeService hooks in via setGradeRecompute. */
function creditServices(core: CoreDeps) {
  const creditRecords = new CreditService(core);
  const grades = new GradeService(core);
  // Every record or list write regrades its enterprise inside the writer's transaction (credit.md §3.3).
  creditRecords.setGradeRecompute({ recomputeEnterprise: (trx, _ctx, id) => grades.recomputeEnterprise(trx, id) });
  const creditLists = new ListService(core, creditRecords);
  const creditObjections = new ObjectionService(core, creditRecords, creditLists);
  return {
    creditRecords,
    creditLists,
    creditObjections,
    creditRepairs: new RepairService(core, creditRecords, creditLists),
    creditExpiry: new ExpiryService(core, creditRecords, creditLists, creditObjections),
    creditPublic: new PublicCreditService(core, creditRecords),
    ruleSets: new RuleSetService(core),
    holidays: new HolidayService(core),
    grades,
    draws: new DrawService(core),
    inspectors: new InspectorService(core),
  };
}

/**
 * Brings a database to the state the app expects: migrations, the default org registry, and the
 * demo accounts (demo mode) or none of them (otherwise). In demo mode the default plan's first
 * publication also gets synthetic progress and the demo registry (`demoData: false` skips both, `demoRegistry:
 * false` only the registry — tests that need neither save seconds).
 */
export async function prepareDatabase(
  services: Services,
  options: { demoData?: boolean; demoRegistry?: boolean } = {},
): Promise<{ migrations: string[]; demoCreated: string[] }> {
  const { core } = services;
  const { applied } = await migrateToLatest(core.db, core.dialect);
  // A bulk load killed with the process (registry import, demo registry) left its rows unindexed.
  await services.registryImport.repairLoad();
  const ctx = systemContext('system', 'seed');
  await seedOrgRegistry(core, ctx, readOrgSeed(dataFile('orgs.json')));
  await seedCreditRules(core, ctx, readHolidaySeed(dataFile('holidays.json')));
  let demoCreated: string[] = [];
  if (core.config.demo) demoCreated = await ensureDemoAccounts(core, services.users, ctx);
  else await disableDemoAccounts(core, services.users, ctx);
  // Only a demo start that created the accounts is a first start; re-preparing must add nothing.
  const registry = options.demoRegistry ?? options.demoData;
  if (core.config.demo && demoCreated.length > 0 && registry !== false) await loadDemoRegistry(core);
  const published = await importDefaultPlan(services.plans, ctx, { publish: core.config.demo });
  if (core.config.demo && published?.status === 'published' && options.demoData !== false) {
    const asOf = core.config.asOf ?? DEMO_DATA_AS_OF;
    await generateDemoProgress(services, { asOf, seed: 2015 });
    // The reminder job as if it had run every morning since dispatch, so inboxes and the register are alive.
    const dispatched = published.writtenOn ?? asOf;
    await services.notices.replay(systemContext('scheduler', 'demo'), dispatched, asOf, { system: true });
  }
  return { migrations: applied, demoCreated };
}

/** The jobs the server runs every day (R-S8 reminders at QCITY_REMINDERS_AT, Asia/Shanghai). */
export function dailyJobs(services: Services): DailyJob[] {
  const { config } = services.core;
  return [
    {
      name: REMINDER_JOB,
      at: config.jobs.remindersAt,
      run: () => services.notices.runReminders(systemContext('scheduler', 'scheduler'), undefined, { system: true }),
    },
    {
      // 00:30: public pages already hide expired items at 00:00 (query time); the job only materialises it.
      name: CREDIT_EXPIRY_JOB,
      at: 30,
      run: () => services.creditExpiry.run(systemContext('scheduler', 'scheduler'), undefined, { system: true }),
    },
    {
      // 02:00, after the expiry sweep: decay and term ends move scores every day.
      name: GRADE_JOB,
      at: 120,
      run: () => services.grades.recomputeAll(systemContext('scheduler', 'scheduler'), { system: true }),
    },
  ];
}

/** The HTTP application with every module's routes. */
export async function buildApp(services: Services) {
  const app = await createHttpServer(services.core.config, services.auth, VERSION);
  await app.register(systemRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(orgRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(planRoutes, { services });
  await app.register(subPlanRoutes, { services });
  await app.register(dashboardRoutes, { services });
  await app.register(bulletinRoutes, { services });
  await app.register(assignmentRoutes, { services });
  await app.register(reportRoutes, { services });
  await app.register(roundTripRoutes, { services });
  await app.register(noticeRoutes, { services });
  await app.register(revisionRoutes, { services });
  await app.register(fileRoutes, { services });
  await app.register(registryRoutes, { services });
  await app.register(creditWorkRoutes, { services });
  await app.register(publicCreditRoutes, { services });
  await app.register(ruleSetRoutes, { services });
  await app.register(holidayRoutes, { services });
  await app.register(gradeRoutes, { services });
  await app.register(drawRoutes, { services });
  return app;
}
