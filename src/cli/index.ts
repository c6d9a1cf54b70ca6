import { Command } from 'commander';
import { VERSION } from '../app.js';
import { registerAuditCommands } from './audit.js';
import { reportError, withServices } from './context.js';
import { registerCreditCommands } from './credit.js';
import { registerGradeCommands } from './credit-grades.js';
import { registerGenCommands } from './gen.js';
import { registerJobCommands } from './jobs.js';
import { registerOrgCommands } from './org.js';
import { registerPlanCommands } from './plan.js';
import { registerUserCommands } from './user.js';

/** The `qcity` command: one entry point for serving, migrating and administering QualityCity. */
export function buildProgram(): Command {
  const program = new Command('qcity')
    .description('QualityCity (质量强市) — configuration comes from environment variables; see README')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('serve')
    .description('migrate, seed and serve the web app and API (PORT, QCITY_DATABASE_URL, …)')
    .action(async () => {
      const { startServer, reportStartupFailure } = await import('../server.js');
      await startServer().catch(reportStartupFailure);
    });

  program
    .command('migrate')
    .description('apply pending database migrations and load default data')
    .option('--json', 'print {applied:[…]} as JSON')
    .action(async (options) => {
      const { migrations } = await withServices(
        async (s) => {
          const { prepareDatabase } = await import('../app.js');
          return prepareDatabase(s);
        },
        { prepare: false },
      );
      if (options.json) console.log(JSON.stringify({ applied: migrations }));
      else console.log(migrations.length ? `applied: ${migrations.join(', ')}` : 'database is up to date');
    });

  registerUserCommands(program);
  registerAuditCommands(program);
  registerOrgCommands(program);
  registerPlanCommands(program);
  registerJobCommands(program);
  registerCreditCommands(program);
  registerGradeCommands(program);
  registerGenCommands(program);
  return program;
}

/** Runs the CLI with the process arguments. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    reportError(err);
  }
}
