import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

/**
 * A route without `schema.response` shows up with Fastify's bare "Default Response" (no
 * content): its answer is neither documented nor serialized through a shared schema.
 */
function declaresSuccess(responses: Responses): boolean {
  return Object.entries(responses).some(([status, response]) => {
    const code = Number(status);
    if (code >= 300 && code < 400) return true; // a redirect has no body to describe
    return code >= 200 && code < 300 && Object.values(response.content ?? {}).some((media) => media.schema !== undefined);
  });
}

describe('OpenAPI document', () => {
  it('declares a success response schema for every route', async () => {
    const res = await ctx.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { responses?: Responses }>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(30);
    const undeclared = operations.filter(({ op }) => !declaresSuccess(op.responses ?? {})).map(({ route }) => route);
    expect(undeclared).toEqual([]);
  });
});
