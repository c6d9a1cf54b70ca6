/**
 * When a daily job fires (pure): jobs run at a local time of day in Asia/Shanghai, the city's clock. A process
 * that starts after today's time has passed runs today's job at once (catch-up), since the job is idempotent
 * per day and a missed day of reminders would otherwise stay missed.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Parses HH:MM (00:00–23:59) into minutes after midnight, or null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The instant of `minutes` after midnight on the Shanghai day of `now`. */
function todayAt(now: Date, minutes: number): Date {
  const localMidnight = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS;
  return new Date(localMidnight - SHANGHAI_OFFSET_MS + minutes * 60_000);
}

/** The next instant a job at `minutes` fires after `now` (strictly later). */
export function nextFiring(now: Date, minutes: number): Date {
  const today = todayAt(now, minutes);
  return today.getTime() > now.getTime() ? today : new Date(today.getTime() + DAY_MS);
}

/** True when today's firing time has already passed at `now`, so a process starting now owes today's run. */
export function dueToday(now: Date, minutes: number): boolean {
  return todayAt(now, minutes).getTime() <= now.getTime();
}
