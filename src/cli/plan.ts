import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { readOrgSeed } from '../modules/orgs/seed.js';
import { toCliJson } from '../modules/plans/parser/cli-json.js';
import { parsePlan } from '../modules/plans/parser/parse.js';
import { type ParseResult, PlanParseError, type Responsibility } from '../modules/plans/parser/types.js';
import { dataFile } from '../paths.js';
import { cliContext, withServices } from './context.js';

/** Reads a text file as UTF-8 (BOM dropped), falling back to GB18030, which many government sites still serve. */
export function readPlanText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (bytes.length === 0) throw new Error(`EMPTY_INPUT: ${file} is empty`);
  if (bytes.includes(0)) throw new Error(`NOT_A_PLAN: ${file} is not a text file (save .docx/.pdf as text first)`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function names(list: { name: string; code?: string }[]): string {
  return list.map((p) => (p.code ? p.name : `${p.name}?`)).join('、');
}

function units(r: Responsibility | null): string {
  if (!r || r.parties.length === 0) return 'no units';
  const by = (role: string) => r.parties.filter((p) => p.role === role);
  const parts = (['lead', 'co', 'shared', 'cascade'] as const)
    .filter((role) => by(role).length)
    .map((role) => `${role}: ${names(by(role))}`);
  return `${parts.join('; ')}${r.nonExhaustive ? ' (等)' : ''}`;
}

/** A readable outline of a parse: header, sections, measures with action counts and units, warnings. */
export function formatOutline(r: ParseResult): string {
  const out: string[] = [];
  const h = r.header;
  out.push(r.plan.title?.text ?? r.notice.planTitle ?? '(untitled plan)');
  const meta = [h.docNumber?.value, h.issuer?.name, h.writtenOn?.value ?? h.publishedOn?.value].filter(Boolean);
  if (meta.length) out.push(`  ${meta.join(' · ')}`);
  const c = r.counts;
  out.push(
    `  ${c.sections} sections, ${c.measures} measures, ${c.actions} actions; ${c.units} units (${c.unitRefs} unit and ${c.groupRefs} group references)${r.traditional ? '; read as Traditional' : ''}`,
  );
  for (const s of r.sections) {
    out.push(s.implicit ? '(no section headings)' : `${s.marker?.text ?? ''}${s.title?.text ?? ''}`);
    for (const m of s.measures) {
      out.push(
        `  ${m.marker.text} ${m.title.text} — ${m.actions.length} action${m.actions.length === 1 ? '' : 's'} — ${units(m.responsibility)}`,
      );
    }
  }
  if (r.plan.closing.length) {
    out.push(`closing: ${r.plan.closing.length} paragraph(s); ${r.plan.obligations.length} sub-plan obligation(s)`);
  }
  if (r.warnings.length === 0) out.push('warnings: none');
  else {
    out.push(`warnings: ${r.warnings.length}`);
    for (const w of r.warnings)
      out.push(`  ${w.severity === 'error' ? 'E' : 'W'} ${w.code} @${w.offset}: ${w.message}`);
  }
  return out.join('\n');
}

/** `qcity plan parse FILE`: the plan parser from the console; reads the registry seed, needs no database. */
export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('action plans (行动计划)');
  plan
    .command('parse <file>')
    .description('parse the text of an action plan into sections, measures, actions and units')
    .option('--json', 'print the parse as JSON')
    .option('--date <YYYY-MM-DD>', 'resolve units on this date (default: the document date)')
    .action((file: string, options: { json?: boolean; date?: string }) => {
      if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date))
        throw new Error(`--date must be YYYY-MM-DD, not ${options.date}`);
      const text = readPlanText(file);
      const seed = readOrgSeed(dataFile('orgs.json'));
      let result: ParseResult;
      try {
        result = parsePlan(text, {
          registry: { units: seed.units, groups: seed.groups },
          ...(options.date ? { date: options.date } : {}),
        });
      } catch (err) {
        if (err instanceof PlanParseError) throw new Error(`${err.code}: ${file}: ${err.message}`);
        throw err;
      }
      console.log(options.json ? JSON.stringify(toCliJson(result), null, 2) : formatOutline(result));
    });

  plan
    .command('import <file>')
    .description(
      'import a plan (.txt, .docx or text-layer .pdf) into the database as a draft, optionally publishing it',
    )
    .option('--code <CODE>', 'plan code for external ids (default: from the title, e.g. QD2015)')
    .option('--year <YYYY>', 'plan year when the text does not say', (v) => Number.parseInt(v, 10))
    .option('--publish', 'publish (dispatch assignments) right away if nothing blocks it')
    .option('--dispatch-date <YYYY-MM-DD>', 'date the assignments are dispatched on (default today)')
    .option('--json', 'print the plan summary as JSON')
    .action(
      async (
        file: string,
        options: { code?: string; year?: number; publish?: boolean; dispatchDate?: string; json?: boolean },
      ) => {
        if (options.year !== undefined && !Number.isInteger(options.year))
          throw new Error('--year must be a year, e.g. 2015');
        const bytes = fs.readFileSync(file);
        const summary = await withServices(async (s) => {
          const ctx = cliContext();
          const draft = await s.plans.importFile(
            ctx,
            { bytes, fileName: path.basename(file), code: options.code, year: options.year },
            { system: true },
          );
          if (!options.publish) return draft;
          return s.plans.publish(
            ctx,
            draft.id,
            { version: draft.version, dispatchDate: options.dispatchDate },
            { system: true },
          );
        });
        if (options.json) console.log(JSON.stringify(summary));
        else console.log(`${summary.code} ${summary.title}: ${summary.status} (plan #${summary.id})`);
      },
    );
}
