import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { cliContext, withServices } from './context.js';

/** `qcity credit regrade [--as-of D]`: the full grade and risk-class recompute with a progress bar. */
export function registerGradeCommands(program: Command): void {
  // The `credit` group is declared by the registry commands; attach to it, or create it when alone.
  const credit = program.commands.find((c) => c.name() === 'credit') ?? program.command('credit');
  credit
    .command('regrade')
    .description('recompute every enterprise’s quality-credit grade and risk class (resumes an interrupted run)')
    .option('--as-of <day>', 'compute as of this day (YYYY-MM-DD); default today (QCITY_AS_OF in demo mode)')
    .option('--chunk <n>', 'enterprises per transaction', (v) => Number(v), 20_000)
    .option('--json', 'print the finished run as JSON, no progress bar')
    .action(async (options: { asOf?: string; chunk: number; json?: boolean }) => {
      const bar =
        options.json || !process.stderr.isTTY
          ? null
          : new cliProgress.SingleBar(
              {
                format: '{bar} {percentage}% | {value}/{total} | changed {changed} | grade changes {gradeChanges}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            );
      const run = await withServices(async (s) => {
        let started = false;
        try {
          return await s.grades.recomputeAll(cliContext(), {
            system: true,
            asOf: options.asOf,
            chunkSize: options.chunk,
            onProgress: (r) => {
              if (!bar) return;
              if (!started) {
                bar.start(r.total, 0, r);
                started = true;
              }
              bar.update(r.processed, r);
            },
          });
        } finally {
          bar?.stop();
        }
      });
      if (options.json) console.log(JSON.stringify(run));
      else
        console.log(
          `run ${run.id} ${run.status}: ${run.processed} enterprises, ${run.changed} changed, ${run.gradeChanges} grade changes (as of ${run.asOf})`,
        );
    });
}
