import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { requestLoggerFactory } from '../../src/server/log.js';

interface Line {
  msg: string;
  level: number;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
}

const lines: string[] = [];
const parsed = () => lines.map((l) => JSON.parse(l) as Line);

describe('access log', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ LOG_LEVEL: 'info' }, { logStream: { write: (line) => void lines.push(line) } });
  });
  afterAll(async () => ctx?.close());
  beforeEach(() => {
    lines.length = 0;
  });

  it('writes one line per request: method, URL, status, time and the request id', async () => {
    for (const [url, status] of [
      ['/api/site', 200],
      ['/uc/login', 200],
      ['/api/nope', 404],
    ] as const) {
      lines.length = 0;
      const res = await ctx.app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(parsed(), url).toEqual([
        expect.objectContaining({ msg: 'request completed', reqId: res.headers['x-request-id'], req: expect.objectContaining({ method: 'GET', url }), res: { statusCode: status } }),
      ]);
      expect(parsed()[0].responseTime).toBeGreaterThanOrEqual(0);
    }
  });

  it('health probes write none', async () => {
    expect((await ctx.app.inject('/healthz')).statusCode).toBe(200);
    expect((await ctx.app.inject('/readyz')).statusCode).toBe(200);
    expect(lines).toEqual([]);
  });
});

describe('request loggers', () => {
  const output: string[] = [];
  const parent = pino({ level: 'info' }, { write: (line: string) => void output.push(line) });
  beforeEach(() => {
    output.length = 0;
  });
  const make = () => requestLoggerFactory.call(undefined as never, parent as unknown as FastifyBaseLogger, { reqId: 'req-1' }, {}, undefined as never);

  it('make no pino child while nothing is written at an enabled level', () => {
    const child = vi.spyOn(parent, 'child');
    const log = make();
    log.debug('not written');
    log.trace({ a: 1 }, 'not written either');
    expect(child).not.toHaveBeenCalled();
    expect(output).toEqual([]);
    expect(log.level).toBe('info');
    child.mockRestore();
  });

  it('carry the request id on every line they write, and on their children', () => {
    const log = make();
    log.warn({ detail: 'x' }, 'first');
    log.info('second');
    log.child({ part: 'db' }).error('third');
    expect(output.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ msg: 'first', reqId: 'req-1', detail: 'x', level: 40 }),
      expect.objectContaining({ msg: 'second', reqId: 'req-1', level: 30 }),
      expect.objectContaining({ msg: 'third', reqId: 'req-1', part: 'db', level: 50 }),
    ]);
  });
});
