/**
 * Qingdao division codes (credit.md §1.4). Historical codes still appear in credit codes issued before the
 * 2012 and 2017 reorganisations; statistics count them under today's district (`district`).
 */
export interface QingdaoDivision {
  name: string;
  /** Today's district code this code counts under; null for the city-level registrar. */
  district: string | null;
  /** Year the code stopped being issued, for historical codes. */
  until?: number;
}

export const QINGDAO_DIVISIONS: Record<string, QingdaoDivision> = {
  '370200': { name: '青岛市', district: null },
  '370202': { name: '市南区', district: '370202' },
  '370203': { name: '市北区', district: '370203' },
  '370211': { name: '黄岛区', district: '370211' },
  '370212': { name: '崂山区', district: '370212' },
  '370213': { name: '李沧区', district: '370213' },
  '370214': { name: '城阳区', district: '370214' },
  '370215': { name: '即墨区', district: '370215' },
  '370281': { name: '胶州市', district: '370281' },
  '370283': { name: '平度市', district: '370283' },
  '370285': { name: '莱西市', district: '370285' },
  '370205': { name: '四方区', district: '370203', until: 2012 },
  '370284': { name: '胶南市', district: '370211', until: 2012 },
  '370282': { name: '即墨市', district: '370215', until: 2017 },
};

/** Today's ten districts and county-level cities, in the official order. */
export const QINGDAO_DISTRICTS = [
  '370202',
  '370203',
  '370211',
  '370212',
  '370213',
  '370214',
  '370215',
  '370281',
  '370283',
  '370285',
] as const;

/** Today's district for a division code (historical codes mapped); null outside Qingdao's districts. */
export function qingdaoDistrict(code: string | null | undefined): string | null {
  if (!code) return null;
  return QINGDAO_DIVISIONS[code]?.district ?? null;
}

/** The name of a Qingdao division code, current or historical. */
export function qingdaoName(code: string): string | undefined {
  return QINGDAO_DIVISIONS[code]?.name;
}
