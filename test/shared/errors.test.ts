import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorMessages, type ErrorCode } from '../../src/shared/errors.js';
import { AppError } from '../../src/server/errors.js';

describe('error catalogue', () => {
  it('gives every code a Chinese message and an error status', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      expect(entry.message, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(errorMessages[code as ErrorCode]).toBe(entry.message);
    }
  });

  it('answers an AppError with the status and message its code carries', () => {
    const locked = new AppError('LOGIN_LOCKED');
    expect(locked.status).toBe(429);
    expect(locked.message).toBe(errorCatalogue.LOGIN_LOCKED.message);
    expect(new AppError('USCC_EXISTS', { uscc: '统一社会信用代码已存在' }).status).toBe(409);
    const refused = new AppError('ACCOUNT_CLOSE_REFUSED', {}, '注销失败：有进行中的登记');
    expect([refused.status, refused.message]).toEqual([409, '注销失败：有进行中的登记']);
  });
});
