/**
 * State shared by the parser's passes: the normalised text with its map to the source, the unit
 * resolver, the plan year and the warnings collected so far.
 */

import { type Registry, type Resolution, resolveName } from '../../orgs/resolve.js';
import { type Normalized, sourceSpan, toSimplified } from './normalize.js';
import type { Issue, IssueCode, Severity, Span, TextNode } from './types.js';

const ERRORS = new Set<IssueCode>([
  'NO_RESPONSIBILITY',
  'EMPTY_TITLE',
  'COUNT_MISMATCH',
  'UNRESOLVED_UNIT',
  'TEXT_LOSS',
]);

/** Resolves unit names on one date, caching each answer; tries the `区市` and Simplified spellings before giving up. */
export class UnitResolver {
  private readonly cache = new Map<string, Resolution>();

  constructor(
    readonly registry: Registry,
    readonly date: string,
  ) {}

  /** The registry's answer for a name as written (R-ORG-1, R-ORG-2). */
  resolve(name: string): Resolution {
    const hit = this.cache.get(name);
    if (hit) return hit;
    let res = resolveName(name, this.date, this.registry);
    if (res.kind === 'unresolved') {
      // 各区、市 is the same collective as the registry's 各区市; mixed-script text may hold a few Traditional characters.
      for (const alt of [name.replace(/区、市/g, '区市'), toSimplified(name)]) {
        if (alt === name) continue;
        const again = resolveName(alt, this.date, this.registry);
        if (again.kind !== 'unresolved') {
          res = { ...again, input: name };
          break;
        }
      }
    }
    this.cache.set(name, res);
    return res;
  }

  /** True when the name resolves to a unit or group. */
  resolves(name: string): boolean {
    return this.resolve(name).kind !== 'unresolved';
  }
}

/** The passes' shared state. */
export class ParseContext {
  readonly issues: Issue[] = [];

  constructor(
    readonly norm: Normalized,
    readonly resolver: UnitResolver,
    readonly year: number | null,
    readonly unresolvedIsError: boolean,
  ) {}

  /** Source span of normalised offsets. */
  span(start: number, end: number): Span {
    return sourceSpan(this.norm, start, end);
  }

  /** A node over normalised offsets [start, end). */
  node(start: number, end: number): TextNode {
    const span = this.span(start, end);
    return { text: this.norm.text.slice(start, end), raw: this.norm.source.slice(span[0], span[1]), span };
  }

  /** The name as the text writes it (Simplified where converted), whitespace removed. */
  writtenName(start: number, end: number): string {
    const [s, e] = this.span(start, end);
    return this.norm.converted.slice(s, e).replace(/\s+/g, '');
  }

  /** Source offset of a normalised offset. */
  offset(at: number): number {
    return this.norm.map[Math.min(Math.max(at, 0), this.norm.map.length - 1)]!;
  }

  /** Records a finding at a normalised offset; its severity follows R-P11. */
  warn(code: IssueCode, message: string, at: number, data?: Record<string, unknown>): void {
    this.warnAtSource(code, message, this.offset(at), data);
  }

  /** Records a finding at a source offset. */
  warnAtSource(code: IssueCode, message: string, offset: number, data?: Record<string, unknown>): void {
    let severity: Severity = ERRORS.has(code) ? 'error' : 'warning';
    if (code === 'UNRESOLVED_UNIT' && !this.unresolvedIsError) severity = 'warning';
    this.issues.push({ code, severity, message, offset, ...(data ? { data } : {}) });
  }
}
