import { describe, expect, it } from 'vitest';
import { formatShanghaiDateTime, NO_TIME } from '../../src/shared/datetime.js';
import { shanghaiDate } from '../../src/server/clock.js';

describe('formatShanghaiDateTime (the one date/time formatter)', () => {
  it('shows the instant in Asia/Shanghai, to the second by default', () => {
    expect(formatShanghaiDateTime('2026-11-25T02:05:07.000Z')).toBe('2026-11-25 10:05:07');
    expect(formatShanghaiDateTime(new Date('2026-11-25T02:05:07.000Z'))).toBe('2026-11-25 10:05:07');
  });

  it('crosses midnight into the next day in China', () => {
    expect(formatShanghaiDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30:00');
    expect(formatShanghaiDateTime('2026-12-31T16:30:00.000Z', 'date')).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('to the minute for the 管理端 lists', () => {
    expect(formatShanghaiDateTime('2026-11-25T08:23:59.000Z', 'minute')).toBe('2026-11-25 16:23');
  });

  it('"—" for a time that is not there, the value itself when it is not a date', () => {
    expect(formatShanghaiDateTime(null)).toBe(NO_TIME);
    expect(formatShanghaiDateTime(undefined, 'minute')).toBe('—');
    expect(formatShanghaiDateTime('')).toBe('—');
    expect(formatShanghaiDateTime('unknown')).toBe('unknown');
  });
});
