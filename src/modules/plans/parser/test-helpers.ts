/**
 * Shared set-up of the parser tests: the registry seed shaped as a Registry, fixtures, and a
 * projection that drops source positions for structural comparisons.
 */

import fs from 'node:fs';
import type { Registry } from '../../orgs/resolve.js';
import { parsePlan } from './parse.js';
import type { Measure, ParseOptions, ParseResult } from './types.js';

interface SeedFile {
  units: Registry['units'];
  groups: Registry['groups'];
}

const seed = JSON.parse(fs.readFileSync(new URL('../../../../data/orgs.json', import.meta.url), 'utf8')) as SeedFile;

/** The registry seed (data/orgs.json), as the resolver takes it. */
export const registry: Registry = { units: seed.units, groups: seed.groups };

/** The Qingdao 2015 seed plan text. */
export const SEED_TEXT = fs.readFileSync(
  new URL('../../../../data/qingdao-2015-quality-action-plan.txt', import.meta.url),
  'utf8',
);

/** A fixture under ./fixtures. */
export function fixture(name: string): string {
  return fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** Parses with the seed registry and defaults. */
export function parse(text: string, options: Omit<ParseOptions, 'registry'> = {}): ParseResult {
  return parsePlan(text, { registry, ...options });
}

/** A one-section plan of 2015 around the given measure lines. */
export function planOf(...lines: string[]): string {
  return ['2015年测试行动计划', '一、测试', ...lines].join('\n');
}

/** All measures of a parse, in order. */
export function measures(r: ParseResult): Measure[] {
  return r.sections.flatMap((s) => s.measures);
}

/** The value with every `raw` and `span` removed (R-P1 comparisons). */
export function withoutSource<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'raw' || k === 'span' ? undefined : v)));
}

/** `role:code` (or `role:name?` when unresolved) of a measure's parties, in text order. */
export function roles(m: Measure): string[] {
  return (m.responsibility?.parties ?? []).map((p) => `${p.role}:${p.code ?? `${p.name}?`}`);
}

/** Warning codes of a parse. */
export function codes(r: ParseResult): string[] {
  return r.warnings.map((w) => w.code);
}
