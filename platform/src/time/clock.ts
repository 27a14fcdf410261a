// The one source of "now", so tests and demos can move time (promotion go-live, reservation expiry).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at real time (or a given instant) and can be set or advanced by hand. */
export class ControllableClock implements Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(start?: Date) {
    if (start) this.frozenAt = start.getTime();
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  }

  /** Moves time forward; a frozen clock stays frozen at the new instant. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  set(instant: Date): void {
    if (this.frozenAt !== null) this.frozenAt = instant.getTime();
    else this.offsetMs = instant.getTime() - Date.now();
  }
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
