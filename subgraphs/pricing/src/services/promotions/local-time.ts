// Wall-clock times in a location's time zone: a promotion starts at the same local time in every store.

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at an instant (-300 for New York in winter). */
export function zoneOffsetMinutes(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** Parses YYYY-MM-DDTHH:mm; null when it is not a real calendar time. */
export function parseLocalDateTime(text: string): { wall: number } | null {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return { wall };
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `local`. In the hour a clock skips
 * (spring forward) the time falls after the jump; in the hour it repeats, the first one counts.
 */
export function localToUtc(local: string, timeZone: string): Date {
  const parsed = parseLocalDateTime(local);
  if (!parsed) throw new Error(`not a local date-time: ${local}`);
  const first = parsed.wall - zoneOffsetMinutes(timeZone, parsed.wall) * 60_000;
  const second = parsed.wall - zoneOffsetMinutes(timeZone, first) * 60_000;
  if (first === second) return new Date(first);
  // The offset changed between the guesses: take the earlier reading that maps back to the wall time, else the later one.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  const exact = candidates.find((t) => t + zoneOffsetMinutes(timeZone, t) * 60_000 === parsed.wall);
  return new Date(exact ?? Math.max(first, second));
}
