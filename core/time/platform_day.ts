/**
 * The platform day: the calendar date in the configured IANA zone. Daily caps,
 * summaries and leaderboard periods all use it.
 *
 * @module
 */

// Building an Intl.DateTimeFormat costs far more than using one (ingestion
// profiles spent most of their CPU here), so each zone's pair is built once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, format = make());
  return format;
}

/** The YYYY-MM-DD date of `instant` in `timeZone`. */
export function platformDate(instant: Date, timeZone: string): string {
  const parts = cached(dateFormats, timeZone, () =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    })).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (e.g. -300 for New York in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = cached(timeFormats, timeZone, () =>
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant a platform day (YYYY-MM-DD) begins in `timeZone`, DST included. */
export function startOfPlatformDay(date: string, timeZone: string): Date {
  const midnightUtc = new Date(`${date}T00:00:00Z`);
  let guess = new Date(midnightUtc.getTime() - zoneOffsetMinutes(midnightUtc, timeZone) * 60_000);
  // A second pass settles days whose offset differs at midnight from the guess (DST).
  guess = new Date(midnightUtc.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
  return guess;
}
