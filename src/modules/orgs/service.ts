import { authorize, can } from '../../core/auth/access.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import { isCalendarDate } from '../../core/dates.js';
import { isUniqueViolation } from '../../core/db/errors.js';
import { paging, toBool, toFlag } from '../../core/db/rows.js';
import type { OrgUnitRow } from '../../core/db/schema.js';
import type { CoreDeps } from '../../core/deps.js';
import { QcError } from '../../core/errors.js';
import { searchColumns } from '../../core/search/tokenize.js';
import * as repo from './repository.js';
import { normalizeOrgName, type Registry, type Resolution, resolveName } from './resolve.js';
import type { CreateOrgInput, OrgListQueryT, OrgUnitDto, UpdateOrgInput } from './schema.js';

type AliasRow = { id: number; unit_code: string; alias: string; source: string };

function toDto(row: OrgUnitRow, aliases: AliasRow[], showContact: boolean): OrgUnitDto {
  return {
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    shortName: row.short_name,
    kind: row.kind,
    parentCode: row.parent_code,
    divisionCode: row.division_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    successorCode: row.successor_code,
    assessed: toBool(row.assessed),
    displayOrder: Number(row.display_order),
    contactPerson: showContact ? row.contact_person : null,
    contactPhone: showContact ? row.contact_phone : null,
    note: row.note,
    aliases: aliases.map((a) => ({ id: Number(a.id), alias: a.alias, source: a.source })),
    version: Number(row.version),
  };
}

/** Search columns of a unit: its names, aliases and codes. */
export function unitSearchColumns(
  unit: Pick<OrgUnitRow, 'code' | 'name' | 'full_name' | 'short_name' | 'division_code'>,
  aliases: string[],
) {
  return searchColumns([unit.name, unit.full_name, unit.short_name, ...aliases, unit.code, unit.division_code]);
}

function checkDate(value: string | null | undefined, field: string): void {
  if (value && !isCalendarDate(value)) throw new QcError('QC_ERR_ORG_DATES', [`${field}=${value}`]);
}

/** The org registry: units with names as documents write them, aliases, validity, successors and groups. */
export class OrgService {
  constructor(private readonly core: CoreDeps) {}

  private today(): string {
    return shanghaiDate(this.core.clock.now());
  }

  private async dtos(ctx: RequestContext, rows: OrgUnitRow[]): Promise<OrgUnitDto[]> {
    const aliases = await repo.aliasesOf(
      this.core.db,
      rows.map((r) => r.code),
    );
    return rows.map((row) =>
      toDto(
        row,
        aliases.filter((a) => a.unit_code === row.code),
        can(ctx.actor, 'orgs.staff.read', { unitCode: row.code }),
      ),
    );
  }

  private async mustFind(code: string): Promise<OrgUnitRow> {
    const row = await repo.findUnit(this.core.db, code);
    if (!row) throw new QcError('QC_ERR_ORG_NOT_FOUND', [code]);
    return row;
  }

  /** A page of units, searched by name, alias or code and filtered by kind and status. */
  async list(ctx: RequestContext, query: OrgListQueryT) {
    authorize(ctx, 'orgs.read');
    const { page, pageSize, offset } = paging(query.page, query.pageSize);
    const filter: repo.UnitFilter = {
      search: query.q ? this.core.search.condition('org_units', query.q) : null,
      kind: query.kind,
      status: query.status ?? 'all',
      today: this.today(),
    };
    const [total, rows] = await Promise.all([
      repo.countUnits(this.core.db, filter),
      repo.listUnits(this.core.db, filter, query.sort ?? 'display_order', query.order === 'desc', offset, pageSize),
    ]);
    return { items: await this.dtos(ctx, rows), total, page, pageSize };
  }

  /** One unit with its aliases. */
  async get(ctx: RequestContext, code: string): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.read');
    const [dto] = await this.dtos(ctx, [await this.mustFind(code)]);
    return dto!;
  }

  /** How many units of each kind exist (filter chips in the UI). */
  async kinds(ctx: RequestContext) {
    authorize(ctx, 'orgs.read');
    return repo.kindCounts(this.core.db);
  }

  /** Unit names by code, for showing scopes; names are public, so no access check. */
  async namesOf(codes: string[]): Promise<Map<string, string>> {
    const rows = await repo.unitNames(this.core.db, [...new Set(codes)]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** True when a unit with this code exists. */
  async exists(code: string): Promise<boolean> {
    return (await repo.findUnit(this.core.db, code)) !== undefined;
  }

  /** The kind of the unit with this code (`muni_dept`, `hospital`, …), or null when there is none. */
  async kindOf(code: string): Promise<string | null> {
    return (await repo.findUnit(this.core.db, code))?.kind ?? null;
  }

  private async assertNameFree(name: string, exceptCode?: string): Promise<void> {
    const clash = (await repo.currentUnitsNamed(this.core.db, name, this.today())).filter((u) => u.code !== exceptCode);
    if (clash.length) throw new QcError('QC_ERR_ORG_NAME_TAKEN', [name]);
  }

  private async assertParent(parentCode: string | null | undefined, selfCode: string): Promise<void> {
    if (!parentCode) return;
    if (parentCode === selfCode) throw new QcError('QC_ERR_ORG_PARENT', [parentCode]);
    let cursor: string | null = parentCode;
    const seen = new Set<string>([selfCode]);
    while (cursor) {
      if (seen.has(cursor)) throw new QcError('QC_ERR_ORG_PARENT', [parentCode]);
      seen.add(cursor);
      const parent = await repo.findUnit(this.core.db, cursor);
      if (!parent) throw new QcError('QC_ERR_ORG_PARENT', [cursor]);
      cursor = parent.parent_code;
    }
  }

  /** Adds a unit; its code is permanent. */
  async create(ctx: RequestContext, input: CreateOrgInput): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    const name = input.name.trim();
    checkDate(input.validFrom, 'validFrom');
    if (await repo.findUnit(this.core.db, input.code)) throw new QcError('QC_ERR_ORG_CODE_TAKEN', [input.code]);
    await this.assertNameFree(name);
    await this.assertParent(input.parentCode, input.code);
    const at = this.core.clock.now().toISOString();
    const aliases = [
      ...new Set([...(input.aliases ?? []).map((a) => a.trim()), ...(input.fullName ? [input.fullName.trim()] : [])]),
    ].filter((a) => a && a !== name);
    const base = {
      code: input.code,
      name,
      full_name: input.fullName?.trim() ?? null,
      short_name: input.shortName?.trim() ?? null,
      division_code: input.divisionCode ?? null,
    };
    const inserted = this.core.db.transaction().execute(async (trx) => {
      const order = (await repo.maxDisplayOrder(trx)) + 10;
      await repo.insertUnit(trx, {
        ...base,
        kind: input.kind,
        parent_code: input.parentCode ?? null,
        valid_from: input.validFrom ?? null,
        valid_to: null,
        successor_code: null,
        assessed: toFlag(input.assessed ?? input.kind === 'district'),
        display_order: order,
        contact_person: null,
        contact_phone: null,
        note: input.note?.trim() ?? null,
        ...unitSearchColumns(base, aliases),
        version: 1,
        created_at: at,
        updated_at: at,
      });
      for (const alias of aliases) {
        const source = alias === base.full_name ? 'full_name' : 'alias';
        await repo.insertAlias(trx, {
          unit_code: input.code,
          alias,
          alias_norm: normalizeOrgName(alias),
          source,
          created_at: at,
        });
      }
      const created = (await repo.findUnit(trx, input.code))!;
      await this.core.audit.append(trx, ctx, {
        action: 'org.create',
        entityType: 'org_unit',
        entityId: input.code,
        after: toDto(created, [], true),
      });
    });
    await inserted.catch((err: unknown) => {
      // Another create took the code between the check above and this insert.
      if (isUniqueViolation(err)) throw new QcError('QC_ERR_ORG_CODE_TAKEN', [input.code]);
      throw err;
    });
    return this.get(ctx, input.code);
  }

  /**
   * Applies a change to one unit inside a transaction: version check, search columns refreshed,
   * one audit row with before and after.
   */
  private async change(
    ctx: RequestContext,
    code: string,
    version: number,
    action: string,
    mutate: (row: OrgUnitRow, trx: CoreDeps['db'], at: string) => Promise<Partial<OrgUnitRow>>,
  ): Promise<OrgUnitDto> {
    const at = this.core.clock.now().toISOString();
    await this.core.db.transaction().execute(async (trx) => {
      const row = await repo.findUnit(trx, code);
      if (!row) throw new QcError('QC_ERR_ORG_NOT_FOUND', [code]);
      if (Number(row.version) !== version) throw new QcError('QC_ERR_CONFLICT');
      const beforeAliases = await repo.aliasesOf(trx, [code]);
      const values = await mutate(row, trx, at);
      const next = { ...row, ...values };
      const aliases = await repo.aliasesOf(trx, [code]);
      // Saving what is already there is not a change: no new version, no audit row.
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      if (same(toDto(row, beforeAliases, true), toDto(next, aliases, true))) return;
      const updated = await repo.updateUnit(trx, code, version, {
        ...values,
        ...unitSearchColumns(
          next,
          aliases.map((a) => a.alias),
        ),
        updated_at: at,
      });
      if (!updated) throw new QcError('QC_ERR_CONFLICT');
      const after = (await repo.findUnit(trx, code))!;
      await this.core.audit.append(trx, ctx, {
        action,
        entityType: 'org_unit',
        entityId: code,
        before: toDto(row, beforeAliases, true),
        after: toDto(after, aliases, true),
      });
    });
    return this.get(ctx, code);
  }

  /** Edits descriptive fields of a unit (not its name: renaming keeps history, see `rename`). */
  async update(ctx: RequestContext, code: string, input: UpdateOrgInput): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    checkDate(input.validFrom, 'validFrom');
    if (input.parentCode !== undefined) await this.assertParent(input.parentCode, code);
    return this.change(ctx, code, input.version, 'org.update', async (row) => {
      if (input.validFrom && row.valid_to && input.validFrom > row.valid_to) {
        throw new QcError('QC_ERR_ORG_DATES', [`${input.validFrom} > ${row.valid_to}`]);
      }
      const values: Partial<OrgUnitRow> = {};
      if (input.fullName !== undefined) values.full_name = input.fullName?.trim() || null;
      if (input.shortName !== undefined) values.short_name = input.shortName?.trim() || null;
      if (input.parentCode !== undefined) values.parent_code = input.parentCode;
      if (input.divisionCode !== undefined) values.division_code = input.divisionCode;
      if (input.validFrom !== undefined) values.valid_from = input.validFrom;
      if (input.assessed !== undefined) values.assessed = toFlag(input.assessed);
      if (input.note !== undefined) values.note = input.note?.trim() || null;
      return values;
    });
  }

  /** Renames a unit; the old name stays as a `former_name` alias so old documents still resolve. */
  async rename(ctx: RequestContext, code: string, input: { name: string; version: number }): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    const name = input.name.trim();
    await this.assertNameFree(name, code);
    return this.change(ctx, code, input.version, 'org.rename', async (row, trx, at) => {
      if (row.name === name) return {};
      await repo.insertAlias(trx, {
        unit_code: code,
        alias: row.name,
        alias_norm: normalizeOrgName(row.name),
        source: 'former_name',
        created_at: at,
      });
      return { name };
    });
  }

  /** Ends a unit's validity, optionally naming the unit that took over its work. */
  async retire(
    ctx: RequestContext,
    code: string,
    input: { validTo: string; successorCode?: string; version: number },
  ): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    checkDate(input.validTo, 'validTo');
    if (input.successorCode) {
      if (input.successorCode === code) throw new QcError('QC_ERR_ORG_SUCCESSOR', [code]);
      if (!(await repo.findUnit(this.core.db, input.successorCode))) {
        throw new QcError('QC_ERR_ORG_SUCCESSOR', [input.successorCode]);
      }
    }
    return this.change(ctx, code, input.version, 'org.retire', async (row) => {
      if (row.valid_to) throw new QcError('QC_ERR_ORG_RETIRED', [code]);
      if (row.valid_from && input.validTo < row.valid_from) {
        throw new QcError('QC_ERR_ORG_DATES', [`${input.validTo} < ${row.valid_from}`]);
      }
      return { valid_to: input.validTo, successor_code: input.successorCode ?? row.successor_code };
    });
  }

  /** Adds another name a unit is known by. */
  async addAlias(ctx: RequestContext, code: string, alias: string): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    const row = await this.mustFind(code);
    const text = alias.trim();
    if (!text) throw new QcError('QC_ERR_VALIDATION', ['alias']);
    return this.change(ctx, code, Number(row.version), 'org.alias.add', async (_row, trx, at) => {
      await repo.insertAlias(trx, {
        unit_code: code,
        alias: text,
        alias_norm: normalizeOrgName(text),
        source: 'alias',
        created_at: at,
      });
      return {};
    });
  }

  /** Removes an alias (a former name can be removed too; the audit trail keeps it). */
  async removeAlias(ctx: RequestContext, code: string, aliasId: number): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.manage');
    const row = await this.mustFind(code);
    const alias = await repo.findAlias(this.core.db, aliasId);
    if (!alias || alias.unit_code !== code) throw new QcError('QC_ERR_NOT_FOUND');
    return this.change(ctx, code, Number(row.version), 'org.alias.remove', async (_row, trx) => {
      await repo.deleteAlias(trx, aliasId);
      return {};
    });
  }

  /** Updates a unit's contact person and phone: the office, or staff of that unit. */
  async updateContact(
    ctx: RequestContext,
    code: string,
    input: { contactPerson: string | null; contactPhone: string | null },
  ): Promise<OrgUnitDto> {
    authorize(ctx, 'orgs.contact.edit', { unitCode: code });
    const row = await this.mustFind(code);
    return this.change(ctx, code, Number(row.version), 'org.contact', async () => ({
      contact_person: input.contactPerson?.trim() || null,
      contact_phone: input.contactPhone?.trim() || null,
    }));
  }

  /** The whole registry as plain records, for name resolution and group expansion. */
  async registry(): Promise<Registry> {
    const db = this.core.db;
    const [units, aliases, groups, groupAliases, members] = await Promise.all([
      repo.allUnits(db),
      repo.allAliases(db),
      repo.allGroups(db),
      repo.allGroupAliases(db),
      repo.allGroupMembers(db),
    ]);
    return {
      units: units.map((u) => ({
        code: u.code,
        name: u.name,
        fullName: u.full_name,
        kind: u.kind,
        divisionCode: u.division_code,
        validFrom: u.valid_from,
        validTo: u.valid_to,
        successorCode: u.successor_code,
        displayOrder: Number(u.display_order),
        aliases: aliases.filter((a) => a.unit_code === u.code).map((a) => a.alias),
      })),
      groups: groups.map((g) => ({
        code: g.code,
        name: g.name,
        rule: g.rule,
        aliases: groupAliases.filter((a) => a.group_code === g.code).map((a) => a.alias),
        members: members
          .filter((m) => m.group_code === g.code)
          .map((m) => ({ unitCode: m.unit_code, from: m.valid_from, to: m.valid_to })),
      })),
    };
  }

  /** Collective groups with their listed members. */
  async groups(ctx: RequestContext) {
    authorize(ctx, 'orgs.read');
    const db = this.core.db;
    const [groups, aliases, members] = await Promise.all([
      repo.allGroups(db),
      repo.allGroupAliases(db),
      repo.allGroupMembers(db),
    ]);
    return groups.map((g) => ({
      code: g.code,
      name: g.name,
      rule: g.rule,
      aliases: aliases.filter((a) => a.group_code === g.code).map((a) => a.alias),
      members: members
        .filter((m) => m.group_code === g.code)
        .map((m) => ({ unitCode: m.unit_code, unitName: m.unit_name, from: m.valid_from, to: m.valid_to })),
    }));
  }

  /** Resolves a name as written in a document, on a date (R-ORG-1). */
  async resolve(ctx: RequestContext, name: string, date?: string): Promise<Resolution> {
    authorize(ctx, 'orgs.read');
    const on = date ?? this.today();
    checkDate(on, 'date');
    return resolveName(name, on, await this.registry());
  }
}
