import closeWithGrace from 'close-with-grace';
import { buildApp, createServices, dailyJobs, prepareDatabase } from './app.js';
import { loadConfig } from './core/config.js';
import { connect } from './core/db/connect.js';
import { QcError } from './core/errors.js';
import { Scheduler } from './core/jobs/scheduler.js';

/** Starts QualityCity: checks configuration, migrates and seeds the database, serves HTTP. */
export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const handle = connect(config.databaseUrl);
  const services = createServices(config, handle);
  const prepared = await prepareDatabase(services);
  const app = await buildApp(services);
  app.log.info(
    { database: handle.dialect, migrations: prepared.migrations, demo: config.demo, demoCreated: prepared.demoCreated },
    'database ready',
  );
  await app.listen({ port: config.port, host: config.host });
  const scheduler = new Scheduler(config.jobs.enabled ? dailyJobs(services) : [], services.core.clock, app.log);
  scheduler.start();
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    scheduler.stop();
    await app.close();
    await handle.close();
  });
  return { app, services, handle, scheduler };
}

/** Prints a configuration or start-up problem as one clear line and exits non-zero. */
export function reportStartupFailure(err: unknown): never {
  if (err instanceof QcError && err.code === 'QC_ERR_CONFIG') {
    console.error(`qcity: ${err.messageIn('en')}\nqcity: ${err.messageIn('zh')}`);
  } else {
    console.error(`qcity: could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) startServer().catch(reportStartupFailure);
