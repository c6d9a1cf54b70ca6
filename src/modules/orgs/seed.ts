import fs from 'node:fs';
import type { RequestContext } from '../../core/context.js';
import { toFlag } from '../../core/db/rows.js';
import type { CoreDeps } from '../../core/deps.js';
import * as repo from './repository.js';
import { normalizeOrgName } from './resolve.js';
import { unitSearchColumns } from './service.js';

/** The registry file's shape (data/orgs.json). */
export interface OrgSeed {
  units: {
    code: string;
    name: string;
    fullName?: string;
    shortName?: string;
    kind: string;
    parentCode?: string;
    divisionCode?: string;
    validFrom?: string;
    validTo?: string;
    successorCode?: string;
    assessed: boolean;
    aliases: string[];
  }[];
  groups: {
    code: string;
    name: string;
    rule: string;
    aliases: string[];
    members: { unitCode: string; from?: string; to?: string }[];
  }[];
}

/** Reads a registry seed file. */
export function readOrgSeed(file: string): OrgSeed {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as OrgSeed;
}

/**
 * Adds every unit and group of the seed that the database lacks, in one transaction; existing
 * units are left as the office has edited them. Returns how many units and groups were added.
 */
export async function seedOrgRegistry(core: CoreDeps, ctx: RequestContext, seed: OrgSeed) {
  const at = core.clock.now().toISOString();
  let units = 0;
  let groups = 0;
  await core.db.transaction().execute(async (trx) => {
    let order = await repo.maxDisplayOrder(trx);
    for (const u of seed.units) {
      if (await repo.findUnit(trx, u.code)) continue;
      order += 10;
      const base = {
        code: u.code,
        name: u.name,
        full_name: u.fullName ?? null,
        short_name: u.shortName ?? null,
        division_code: u.divisionCode ?? null,
      };
      const aliases = [...new Set(u.aliases.filter((a) => a !== u.name))];
      await repo.insertUnit(trx, {
        ...base,
        kind: u.kind,
        parent_code: u.parentCode ?? null,
        valid_from: u.validFrom ?? null,
        valid_to: u.validTo ?? null,
        successor_code: u.successorCode ?? null,
        assessed: toFlag(u.assessed),
        display_order: order,
        contact_person: null,
        contact_phone: null,
        note: null,
        ...unitSearchColumns(base, aliases),
        version: 1,
        created_at: at,
        updated_at: at,
      });
      for (const alias of aliases) {
        await repo.insertAlias(trx, {
          unit_code: u.code,
          alias,
          alias_norm: normalizeOrgName(alias),
          source: alias === u.fullName ? 'full_name' : 'alias',
          created_at: at,
        });
      }
      await core.audit.append(trx, ctx, { action: 'org.seed', entityType: 'org_unit', entityId: u.code, after: u });
      units += 1;
    }
    for (const g of seed.groups) {
      if (await repo.findGroup(trx, g.code)) continue;
      await repo.insertGroup(trx, { code: g.code, name: g.name, rule: g.rule, note: null, created_at: at });
      for (const alias of g.aliases) {
        await repo.insertGroupAlias(trx, { group_code: g.code, alias, alias_norm: normalizeOrgName(alias) });
      }
      for (const m of g.members) {
        await repo.insertGroupMember(trx, {
          group_code: g.code,
          unit_code: m.unitCode,
          valid_from: m.from ?? null,
          valid_to: m.to ?? null,
        });
      }
      await core.audit.append(trx, ctx, {
        action: 'org.group.seed',
        entityType: 'org_group',
        entityId: g.code,
        after: g,
      });
      groups += 1;
    }
  });
  return { units, groups };
}
