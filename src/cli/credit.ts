import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { validateUSCC } from '../modules/credit/reference.js';
import type { ImportProgress } from '../modules/credit/registry-import.service.js';
import { cliContext, withServices } from './context.js';

/** `qcity credit check-code` and `qcity enterprises import`: credit codes and the registry from the console. */
export function registerCreditCommands(program: Command): void {
  const credit = program.command('credit').description('quality credit (质量信用)');
  credit
    .command('check-code <codes...>')
    .description('check unified social credit codes: one JSON line per code {code, valid, errors, warnings, parts}')
    .action((codes: string[]) => {
      let invalid = 0;
      for (const code of codes) {
        const r = validateUSCC(code);
        if (!r.ok) invalid += 1;
        const strip = (fs: { code: string; message: string; position?: number }[]) => fs;
        console.log(
          JSON.stringify({
            code,
            normalized: r.normalized,
            valid: r.ok,
            errors: strip(r.errors),
            warnings: strip(r.warnings),
            parts: r.parts,
          }),
        );
      }
      if (invalid) process.exitCode = 2;
    });

  const enterprises = program.command('enterprises').description('the enterprise registry');
  enterprises
    .command('import <file>')
    .description(
      'import a register file (CSV in UTF-8 or GBK/GB18030, or XLSX); upsert by credit code, else registration number',
    )
    .option('--dry-run', 'check every row and write the reject file, change no enterprise')
    .option('--resume <job>', 'continue a killed or failed job after its last committed batch', (v) => Number(v))
    .option('--batch <rows>', 'rows per transaction', (v) => Number(v), 50_000)
    .option('--json', 'print the finished job as JSON, no progress bar')
    .action(async (file: string, options: { dryRun?: boolean; resume?: number; batch: number; json?: boolean }) => {
      const bar =
        options.json || !process.stderr.isTTY
          ? null
          : new cliProgress.SingleBar(
              {
                format: '{bar} {percentage}% | {rows} rows | +{inserted} ~{updated} ={unchanged} ✗{rejected}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            );
      const job = await withServices(async (s) => {
        let started = false;
        const onProgress = (p: ImportProgress) => {
          if (!bar) return;
          if (!started) {
            bar.start(p.totalBytes, 0, p);
            started = true;
          }
          bar.update(Math.min(p.bytes, p.totalBytes), p);
        };
        try {
          return await s.registryImport.run(cliContext(), file, {
            dryRun: options.dryRun,
            resumeJobId: options.resume,
            batchSize: options.batch,
            onProgress,
            system: true,
          });
        } finally {
          if (started) bar?.stop();
        }
      });
      const summary = {
        job: Number(job.id),
        status: job.status,
        dryRun: job.dry_run === 1,
        rows: job.total_rows,
        inserted: job.inserted,
        updated: job.updated,
        unchanged: job.unchanged,
        rejected: job.rejected,
        warnings: job.warnings,
        encoding: job.encoding,
      };
      if (options.json) console.log(JSON.stringify(summary));
      else
        console.log(
          `job ${summary.job} ${summary.status}${summary.dryRun ? ' (dry run)' : ''}: ${summary.rows} rows, ${summary.inserted} new, ${summary.updated} changed, ${summary.unchanged} unchanged, ${summary.rejected} rejected (${summary.encoding})`,
        );
      if (job.rejected > 0) process.exitCode = 3;
    });
}
