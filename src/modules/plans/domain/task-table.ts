/**
 * The 任务分解表 of a plan: measures → actions → lead (牵头) and co (配合) units → deadlines, one table per
 * section of the plan, as the document model the DOCX renderer draws. Pure; built from the plan as the
 * plan service shows it (drafts as publishing would create them, published plans as stored).
 */

import nzhcn from 'nzh/cn';
import { chineseDate, type DocBlock, type DocCell, type OfficialDocument } from './official-document.js';

/** The parts of the plan detail the table reads. */
export interface TaskTablePlan {
  code: string;
  title: string;
  docNumber: string | null;
  sections: {
    number: number;
    title: string | null;
    measures: {
      externalId: string;
      number: number;
      title: string;
      actions: {
        externalId: string;
        ord: number;
        text: string;
        deadlineType: string;
        due: string | null;
        deadlineRaw: string;
      }[];
      parties: { ord: number; name: string; unitName: string | null; role: string; actionExternalId: string | null }[];
    }[];
  }[];
}

const DEADLINE_LABELS: Readonly<Record<string, string>> = {
  ongoing: '长期坚持',
  unscheduled: '未明确',
  periodic: '定期',
};

// Lead and shared units carry the work (牵头); co and cascaded ones support it (配合).
const LEAD_ROLES = new Set(['lead', 'shared']);

/** The deadline as the source states it, with the date it was read as when that differs. */
export function deadlineText(a: { deadlineType: string; due: string | null; deadlineRaw: string }): string {
  const raw = a.deadlineRaw.trim();
  const due = a.due ? chineseDate(a.due) : null;
  if (raw && due && raw !== due) return `${raw}\n(${due})`;
  return raw || due || DEADLINE_LABELS[a.deadlineType] || '—';
}

function unitsOf(parties: TaskTablePlan['sections'][number]['measures'][number]['parties'], actionId: string | null) {
  // An action that names its own units uses those; otherwise it inherits the measure's.
  const own = parties.filter((p) => p.actionExternalId === actionId);
  const chosen = own.length || actionId === null ? own : parties.filter((p) => p.actionExternalId === null);
  const sorted = [...chosen].sort((x, y) => x.ord - y.ord);
  const names = (lead: boolean) => [
    ...new Set(sorted.filter((p) => LEAD_ROLES.has(p.role) === lead).map((p) => p.unitName ?? p.name)),
  ];
  return { lead: names(true).join('、') || '—', co: names(false).join('、') || '—' };
}

/** The plan's task table, landscape, one table per section. */
export function taskTableDocument(plan: TaskTablePlan): OfficialDocument {
  const blocks: DocBlock[] = [];
  let measures = 0;
  let actions = 0;
  for (const section of plan.sections) {
    if (section.measures.length === 0) continue;
    if (section.title) blocks.push({ kind: 'heading', text: `${nzhcn.encodeS(section.number)}、${section.title}` });
    const rows: DocCell[][] = [];
    for (const m of section.measures) {
      measures += 1;
      const label = `(${nzhcn.encodeS(m.number)})${m.title}`;
      const list = [...m.actions].sort((x, y) => x.ord - y.ord);
      if (list.length === 0) {
        const u = unitsOf(m.parties, null);
        rows.push([label, '—', '—', u.lead, u.co, '—']);
        continue;
      }
      const units = list.map((a) => unitsOf(m.parties, a.externalId));
      const deadlines = list.map(deadlineText);
      // A column the same for every action of the measure is written once, spanning its rows.
      const span = (values: string[], i: number): DocCell => {
        const same = values.every((v) => v === values[0]);
        if (!same || list.length === 1) return values[i]!;
        return i === 0 ? { text: values[0]!, rowSpan: list.length } : null;
      };
      list.forEach((a, i) => {
        actions += 1;
        rows.push([
          span(
            list.map(() => label),
            i,
          ),
          String(i + 1),
          a.text,
          span(
            units.map((u) => u.lead),
            i,
          ),
          span(
            units.map((u) => u.co),
            i,
          ),
          span(deadlines, i),
        ]);
      });
    }
    blocks.push({
      kind: 'table',
      columns: [
        { title: '重点任务', width: 16 },
        { title: '序号', width: 4, align: 'center' },
        { title: '工作措施', width: 44 },
        { title: '牵头单位', width: 13 },
        { title: '配合单位', width: 13 },
        { title: '完成时限', width: 10, align: 'center' },
      ],
      rows,
    });
  }
  blocks.push({
    kind: 'note',
    text: `注:共${measures}项重点任务、${actions}项工作措施。牵头单位负责组织推进并报送进展,配合单位按职责分工协同落实。`,
  });
  return {
    title: '任务分解表',
    subtitle: `${plan.title.startsWith('《') ? plan.title : `《${plan.title}》`}${plan.docNumber ? `(${plan.docNumber})` : ''}`,
    masthead: null,
    orientation: 'landscape',
    blocks,
  };
}
