import type { Command } from 'commander';
import { shanghaiDate } from '../core/clock.js';
import { resolveName } from '../modules/orgs/resolve.js';
import { withServices } from './context.js';

/** `qcity org list|resolve`: the org registry from the console. */
export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description('the org registry (units, aliases, groups)');
  org
    .command('list')
    .description('list units')
    .option('-k, --kind <kind>', 'only this kind: muni_dept, district, hospital, …')
    .option('--json', 'one JSON object per line')
    .action(async (options) => {
      const registry = await withServices((s) => s.orgs.registry());
      for (const u of registry.units.filter((x) => !options.kind || x.kind === options.kind)) {
        if (options.json) console.log(JSON.stringify(u));
        else console.log(`${u.code.padEnd(10)} ${u.kind.padEnd(16)} ${u.validTo ? `(to ${u.validTo}) ` : ''}${u.name}`);
      }
    });
  org
    .command('resolve <name>')
    .description('resolve a unit name as a document writes it')
    .option('-d, --date <YYYY-MM-DD>', 'the document date (default today)')
    .action(async (name: string, options) => {
      const date = options.date ?? shanghaiDate(new Date());
      const result = await withServices(async (s) => resolveName(name, date, await s.orgs.registry()));
      console.log(JSON.stringify(result));
    });
}
