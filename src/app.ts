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
import { auditRoutes } from './modules/audit/routes.js';
import { AuditService } from './modules/audit/service.js';
import { orgRoutes } from './modules/orgs/routes.js';
import { readOrgSeed, seedOrgRegistry } from './modules/orgs/seed.js';
import { OrgService } from './modules/orgs/service.js';
import { planRoutes } from './modules/plans/plan.routes.js';
import { PlanService } from './modules/plans/plan.service.js';
import { importDefaultPlan } from './modules/plans/seed.js';
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
  auth: AuthService;
  users: UserService;
  audit: AuditService;
}

/** The application version, from package.json. */
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

/** Wires module services together, lower modules first (core ← orgs ← users). */
export function createServices(config: Config, handle: DatabaseHandle, clock?: Clock): Services {
  const core = createCore(config, handle, clock);
  const orgs = new OrgService(core);
  return {
    core,
    files: new FileService(core),
    system: new SystemService(core, VERSION),
    orgs,
    plans: new PlanService(core, orgs),
    auth: new AuthService(core),
    users: new UserService(core, orgs),
    audit: new AuditService(core),
  };
}

/**
 * Brings a database to the state the app expects: migrations, the default org registry, and the
 * demo accounts (demo mode) or none of them (otherwise).
 */
export async function prepareDatabase(services: Services): Promise<{ migrations: string[]; demoCreated: string[] }> {
  const { core } = services;
  const { applied } = await migrateToLatest(core.db, core.dialect);
  const ctx = systemContext('system', 'seed');
  await seedOrgRegistry(core, ctx, readOrgSeed(dataFile('orgs.json')));
  let demoCreated: string[] = [];
  if (core.config.demo) demoCreated = await ensureDemoAccounts(core, services.users, ctx);
  else await disableDemoAccounts(core, services.users, ctx);
  await importDefaultPlan(services.plans, ctx, { publish: core.config.demo });
  return { migrations: applied, demoCreated };
}

/** The HTTP application with every module's routes. */
export async function buildApp(services: Services) {
  const app = await createHttpServer(services.core.config, services.auth, VERSION);
  await app.register(systemRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(orgRoutes, { services });
  await app.register(auditRoutes, { services });
  await app.register(planRoutes, { services });
  await app.register(fileRoutes, { services });
  return app;
}
