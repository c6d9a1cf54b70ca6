import type { Command } from 'commander';
import { generateCreditData } from '../modules/credit/gen/credit-data.js';
import { generateRegistry, PRESETS, type Preset } from '../modules/credit/gen/generate.js';
import { withServices } from './context.js';

/** `qcity gen`: deterministic synthetic data (enterprises, credit records, list entries), all marked demo. */
export function registerGenCommands(program: Command): void {
  program
    .command('gen')
    .description('write synthetic data: --preset small (20,000 enterprises) or city (2,000,000); same seed, same data')
    .option('--preset <preset>', 'small | city', 'small')
    .option('--seed <n>', 'random seed', (v) => Number(v), 2015)
    .option('--count <n>', 'enterprises instead of the preset size', (v) => Number(v))
    .action(async (options: { preset: string; seed: number; count?: number }) => {
      if (!(options.preset in PRESETS)) throw new Error(`unknown preset ${options.preset} (small, city)`);
      const count = options.count ?? PRESETS[options.preset as Preset];
      const t0 = Date.now();
      const result = await withServices(async (s) => {
        const written = await generateRegistry(s.core, { seed: options.seed, count });
        const credit = await generateCreditData(s.core, { seed: options.seed });
        return { enterprises: written, ...credit };
      });
      console.log(
        JSON.stringify({ preset: options.preset, seed: options.seed, ...result, seconds: (Date.now() - t0) / 1000 }),
      );
    });
}
