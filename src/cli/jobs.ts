import type { Command } from 'commander';
import { cliContext, withServices } from './context.js';

/**
 * `qcity reminders run`: the daily reminder job by hand, for a cron-driven install (QCITY_JOBS=false) or to
 * replay days the server missed; a day already run sends nothing new.
 */
export function registerJobCommands(program: Command): void {
  const reminders = program.command('reminders').description('reminders and escalations (提醒/催办/督办)');
  reminders
    .command('run')
    .description('issue the notices due today, or on a past day or range of days (each day runs once)')
    .option('--day <YYYY-MM-DD>', 'the day to run (default: today, or the pinned QCITY_AS_OF day)')
    .option('--from <YYYY-MM-DD>', 'first day of a range to replay, up to --to or today')
    .option('--to <YYYY-MM-DD>', 'last day of the range')
    .option('--json', 'print the result as JSON')
    .action(async (options: { day?: string; from?: string; to?: string; json?: boolean }) => {
      const result = await withServices(async (s) => {
        const ctx = cliContext();
        if (options.from) {
          return s.notices.replay(ctx, options.from, options.to ?? s.notices.today(), { system: true });
        }
        return s.notices.runReminders(ctx, options.day, { system: true });
      });
      if (options.json) console.log(JSON.stringify(result));
      else if ('ran' in result) {
        const levels = Object.entries(result.byLevel)
          .map(([level, n]) => `${level} ${n}`)
          .join(', ');
        console.log(
          result.ran
            ? `${result.day}: ${result.created} notice(s) issued${levels ? ` (${levels})` : ''}`
            : `${result.day}: already run at ${result.startedAt} (${result.created} notice(s)); nothing new sent`,
        );
      } else console.log(`${result.from} … ${result.to}: ${result.created} notice(s) issued`);
    });
}
