/** Time source for services; tests pass a fixed clock instead of faking globals. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; `advance` moves it forward. */
export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(d: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    set(d: Date | string) {
      current = new Date(d);
    },
  };
}

/** ISO-8601 UTC instant, the only instant format stored or sent. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/** Calendar date (YYYY-MM-DD) in Asia/Shanghai, the city's local day. */
export function shanghaiDate(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}

const SHANGHAI_OFFSET = 8 * 3600_000;

/**
 * The instant a write is dated at. With a pinned as-of day (demo mode lives in 2015) and the real day
 * past it, the write lands on the pinned day at the real time of day, so what users do shows up at the
 * date they are looking at; the audit row keeps the real time.
 */
export function businessNow(clock: Clock, pinnedDay: string | null): string {
  const real = clock.now();
  if (!pinnedDay || shanghaiDate(real) <= pinnedDay) return real.toISOString();
  const timeOfDay = new Date(real.getTime() + SHANGHAI_OFFSET).toISOString().slice(10);
  return new Date(new Date(`${pinnedDay}${timeOfDay}`).getTime() - SHANGHAI_OFFSET).toISOString();
}

/** The Asia/Shanghai day of `businessNow`. */
export function businessToday(clock: Clock, pinnedDay: string | null): string {
  return shanghaiDate(new Date(businessNow(clock, pinnedDay)));
}
