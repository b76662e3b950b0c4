import { formatShanghaiDateTime } from '../shared/datetime.js';

/** Everything time-dependent asks a Clock, so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-25T02:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}

/** Calendar date in China (2026-11-25). */
export function shanghaiDate(d: Date): string {
  return formatShanghaiDateTime(d, 'date');
}
