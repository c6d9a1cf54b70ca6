/**
 * External ids (plans.md §4): plan `QD2015`, measure `QD2015-M08`, action `QD2015-M08-A08`.
 */

// Place abbreviations for the default plan code; an importer may pass any code instead.
const PLACES: [string, string][] = [
  ['青岛', 'QD'],
  ['济南', 'JN'],
  ['烟台', 'YT'],
  ['潍坊', 'WF'],
  ['淄博', 'ZB'],
  ['威海', 'WH'],
  ['日照', 'RZ'],
  ['临沂', 'LY'],
  ['山东', 'SD'],
  ['北京', 'BJ'],
  ['上海', 'SH'],
  ['天津', 'TJ'],
  ['重庆', 'CQ'],
  ['广州', 'GZ'],
  ['深圳', 'SZ'],
  ['杭州', 'HZ'],
  ['宁波', 'NB'],
  ['南京', 'NJ'],
  ['苏州', 'SUZ'],
  ['武汉', 'WUH'],
  ['成都', 'CD'],
  ['西安', 'XA'],
  ['厦门', 'XM'],
  ['大连', 'DL'],
  ['沈阳', 'SY'],
  ['哈尔滨', 'HRB'],
  ['长沙', 'CS'],
  ['郑州', 'ZZ'],
  ['合肥', 'HF'],
  ['福州', 'FZ'],
  ['广东', 'GD'],
  ['浙江', 'ZJ'],
  ['江苏', 'JS'],
  ['河北', 'HEB'],
  ['河南', 'HEN'],
  ['湖北', 'HUB'],
  ['湖南', 'HUN'],
  ['四川', 'SC'],
  ['福建', 'FJ'],
  ['安徽', 'AH'],
  ['辽宁', 'LN'],
  ['香港', 'HK'],
  ['澳门', 'MO'],
  ['台湾', 'TW'],
  ['全国', 'CN'],
  ['国务院', 'CN'],
];

function firstPlace(text: string): string | undefined {
  let best: [string, string] | undefined;
  let at = Number.POSITIVE_INFINITY;
  for (const p of PLACES) {
    const i = text.indexOf(p[0]);
    if (i >= 0 && i < at) {
      at = i;
      best = p;
    }
  }
  return best?.[1];
}

/**
 * The default plan code: the first place the title names (青岛 → QD), else the issuer's (a national
 * plan's title names none, its issuer 国务院办公厅 does), else PLAN; then the plan year.
 */
export function derivePlanCode(title: string | null, year: number | null, issuer?: string | null): string {
  return `${firstPlace(title ?? '') ?? firstPlace(issuer ?? '') ?? 'PLAN'}${year ?? ''}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `{plan}-M{nn}` with nn the measure's position in the plan. */
export function measureId(planCode: string, ordinal: number): string {
  return `${planCode}-M${two(ordinal)}`;
}

/** `{measure}-A{nn}` with nn the action's position in the measure. */
export function actionId(measureExternalId: string, ord: number): string {
  return `${measureExternalId}-A${two(ord)}`;
}

/** `{action}-{unitCode}`: one unit's assignment for an action (§4). */
export function assignmentId(actionExternalId: string, unitCode: string): string {
  return `${actionExternalId}-${unitCode}`;
}
