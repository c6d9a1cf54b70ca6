/**
 * The JSON projection of a parse that `qcity plan parse --json` prints (issue 3's CLI contract).
 */

import type { ParseResult, Party, Responsibility, Role } from './types.js';

/** A unit or group as the text writes it, with its registry code where it matched. */
export interface CliOrg {
  name: string;
  code?: string;
}

/** A group keeps its role, since lead/co/shared list units only. */
export interface CliGroup extends CliOrg {
  role: Role;
}

export interface CliResponsibility {
  lead: CliOrg[];
  co: CliOrg[];
  shared: CliOrg[];
  groups: CliGroup[];
  nonExhaustive: boolean;
  /** Units told to implement in their own area (结合实际落实); present only when there are any. */
  cascade?: CliOrg[];
}

export interface CliJson {
  header: { docNumber: string | null; issuer: CliOrg | null; date: string | null; title: string | null };
  sections: {
    number: number;
    title: string;
    measures: {
      number: number;
      title: string;
      actions: { text: string; deadline?: string }[];
      responsibility: CliResponsibility;
    }[];
  }[];
  warnings: { code: string; message: string; offset: number }[];
}

const org = (p: { name: string; code?: string }): CliOrg =>
  p.code ? { name: p.name, code: p.code } : { name: p.name };

/** Projects a responsibility onto lead/co/shared units, groups (with their role) and the 等 flag. */
export function cliResponsibility(r: Responsibility | null | undefined): CliResponsibility {
  const parties: Party[] = r?.parties ?? [];
  const units = (role: Role) => parties.filter((p) => p.kind === 'unit' && p.role === role).map(org);
  const out: CliResponsibility = {
    lead: units('lead'),
    co: units('co'),
    shared: units('shared'),
    groups: parties.filter((p) => p.kind === 'group').map((p) => ({ ...org(p), role: p.role })),
    nonExhaustive: r?.nonExhaustive ?? false,
  };
  const cascade = units('cascade');
  if (cascade.length) out.cascade = cascade;
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The CLI contract's JSON for a parse: header, sections → measures → actions with deadlines, responsibility, warnings. */
export function toCliJson(result: ParseResult): CliJson {
  const { header, notice, plan } = result;
  const date =
    [header.writtenOn?.value, header.publishedOn?.value, notice.date?.value].find((d) => d && ISO.test(d)) ?? null;
  return {
    header: {
      docNumber: header.docNumber?.value ?? null,
      issuer: header.issuer ? org(header.issuer) : null,
      date,
      title: plan.title?.text ?? notice.planTitle ?? null,
    },
    sections: result.sections.map((s) => ({
      number: s.number,
      title: s.title?.text ?? '',
      measures: s.measures.map((m) => ({
        number: m.number,
        title: m.title.text,
        actions: m.actions.map((a) => (a.deadline.due ? { text: a.text, deadline: a.deadline.due } : { text: a.text })),
        responsibility: cliResponsibility(m.responsibility),
      })),
    })),
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, offset: w.offset })),
  };
}
