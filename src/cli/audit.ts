import type { Command } from 'commander';
import { withServices } from './context.js';

/** `qcity audit verify`: walks the hash chain and names the first broken row. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('check every row’s link and hash; exit code 1 and the first broken row when tampered')
    .option('--json', 'print {ok, checked, brokenSeq, reason} as JSON')
    .action(async (options) => {
      const result = await withServices((s) => s.core.audit.verify(s.core.db), { prepare: false });
      if (options.json) console.log(JSON.stringify(result));
      else if (result.ok) console.log(`audit chain intact: ${result.checked} rows verified`);
      else console.log(`audit chain BROKEN at row ${result.brokenSeq} (${result.reason}); ${result.checked} rows before it verified`);
      if (!result.ok) process.exitCode = 1;
    });
}
