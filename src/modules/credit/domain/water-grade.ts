/**
 * Water-construction credit grades (credit.md §5.8): score bands and the public display period before a grade
 * is final. Scores are integer hundredths of a point (stack.md §2.3), so 89.99 is 8999.
 */
import type { WorkingCalendar } from '../../../core/working-days.js';

/** Lower bounds in hundredths, highest first (default; configurable through WATER_GRADE). */
export interface WaterBands {
  AAA: number;
  AA: number;
  A: number;
  B: number;
  displayWorkingDays: number;
}

export const DEFAULT_WATER_BANDS: WaterBands = { AAA: 9000, AA: 8000, A: 7000, B: 6000, displayWorkingDays: 7 };

/** The grade for a score in hundredths: 9000 → AAA, 8999 → AA, 6000 → B, 5990 → C. */
export function waterGrade(scoreHundredths: number, bands: WaterBands = DEFAULT_WATER_BANDS): string {
  if (scoreHundredths >= bands.AAA) return 'AAA';
  if (scoreHundredths >= bands.AA) return 'AA';
  if (scoreHundredths >= bands.A) return 'A';
  if (scoreHundredths >= bands.B) return 'B';
  return 'C';
}

/** Last day of the public display (objections possible) before the grade is final; start day not counted. */
export function waterDisplayEndsOn(cal: WorkingCalendar, publishedOn: string, bands: WaterBands = DEFAULT_WATER_BANDS) {
  return cal.addWorkingDays(publishedOn, bands.displayWorkingDays);
}
