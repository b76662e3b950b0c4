import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * Malformed-request generator for every API operation (quality.md Security, Fuzz). The
 * operations come from the app's own OpenAPI document, so new routes are fuzzed without
 * editing this file; routes hidden from the document are added from `routeAccess`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export interface Operation {
  method: HttpMethod;
  /** Path with `{name}` placeholders (OpenAPI style). */
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
  /** True when the operation is only known from routeAccess (no schema in the document). */
  undocumented: boolean;
}

export interface FuzzRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
  /** Short description for failure messages. */
  shape: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** URLs that answer in the JSON error model: /api/*, the development tools, health checks. */
export const isApiUrl = (url: string) => /^\/(api|__dev)(\/|$)/.test(url) || url === '/healthz' || url === '/readyz';

/** Every operation of the OpenAPI document, plus API routes that the document hides. */
export async function loadOperations(app: FastifyInstance, routeAccess: { method: string; url: string }[]): Promise<Operation[]> {
  const res = await app.inject('/api/docs/json');
  if (res.statusCode !== 200) throw new Error(`/api/docs/json answered ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, { parameters?: any[]; requestBody?: any }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (!METHODS.has(method)) continue;
      const parameters = op.parameters ?? [];
      ops.push({
        method: method as HttpMethod,
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: !!p.required })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        undocumented: false,
      });
    }
  }
  const documented = new Set(ops.map((o) => `${o.method} ${o.path}`));
  for (const r of routeAccess) {
    // API routes hidden from the document. Browser pages (/uc/interaction, /auth/callback)
    // and the OIDC protocol endpoints answer in HTML or OAuth's own error format by design.
    if (!METHODS.has(r.method) || !isApiUrl(r.url)) continue;
    let i = 0;
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*/g, () => `{wildcard${i++}}`);
    if (documented.has(`${r.method} ${path}`)) continue;
    documented.add(`${r.method} ${path}`);
    ops.push({
      method: r.method as HttpMethod,
      path,
      pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]),
      query: [],
      body: null,
      undocumented: true,
    });
  }
  return ops;
}

// ---------------------------------------------------------------------------------------
// Values

/** Strings people and attackers type: unicode of every kind, control characters, injections. */
const nastyConstants = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\ud83d\ude00',
  '𠮷野家',
  '\u202eevil',
  '\ufeff',
  'İ',
  'ß',
  '\r\n\t',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE accounts; --',
  '${7*7}',
  '{{7*7}}',
  '%s%n%x',
  '../../../../etc/passwd',
  '..\\..\\windows',
  '１３８００１３８０００',
  '13800000001',
  '+86 138-0000-0001',
  '91110108MA01A1B215',
  '110108197805122317',
  'demo_xjr',
  'Demo@2025',
  'a@example.com',
  '王建国',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'true',
  'null',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyConstants) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Huge strings, up to 100k characters (the body limit is 1 MiB).
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 65, max: 100_000 }), fc.constantFrom('x', '验', '\ud800', '𠮷', '0')).map(([n, c]) => c.repeat(Math.floor(n / c.length))) },
);

/** Any JSON value, a little nested. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(-0),
    fc.constant(Number.MAX_SAFE_INTEGER + 2),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString.filter((k) => k.length < 50), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value that fits the schema's type (so a request gets past the first check) or junk. */
function valueFor(name: string, schema: JsonSchema): fc.Arbitrary<unknown> {
  const fitting: fc.Arbitrary<unknown>[] = [];
  if (schema.enum?.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: junkValue });
  if (schema.const !== undefined) fitting.push(fc.constant(schema.const));
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('string')) {
    fitting.push(nastyString);
    if (schema.pattern === '^\\d{6}$') fitting.push(fc.stringMatching(/^\d{6}$/));
    if (/mobile/i.test(name)) fitting.push(fc.constantFrom('13800000001', '13900001234', '138 0000 0002', '+8613800000003'));
    if (/uscc/i.test(name)) fitting.push(fc.constantFrom('91110108MA01A1B215', '91310115MA1K2L3M46', '91110108ma01a1b215'));
    if (/idNumber/i.test(name)) fitting.push(fc.constantFrom('110108197805122317', '31011519820917452X', '110101199003077723'));
    if (/email/i.test(name)) fitting.push(fc.constantFrom('demo_bound@example.com', 'a@example.com', 'A@EXAMPLE.COM'));
  }
  if (types.includes('boolean')) fitting.push(fc.boolean());
  if (types.includes('integer') || types.includes('number')) fitting.push(fc.integer());
  if (types.includes('array')) fitting.push(fc.array(schema.items ? valueFor(name, schema.items) : junkValue, { maxLength: 3 }));
  if (types.includes('object') && schema.properties) fitting.push(objectFor(schema));
  return fitting.length ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...fitting) }, { weight: 1, arbitrary: junkValue }) : junkValue;
}

/** The schema's object with fields missing, wrong, null or extra. */
function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const fields = props.map(([name, s]) => fc.option(valueFor(name, s), { nil: undefined, freq: 5 }).map((v) => [name, v] as const));
  return fc
    .tuple(fc.tuple(...fields), fc.option(fc.dictionary(nastyString.filter((k) => k.length < 50), junkValue, { maxKeys: 3 }), { nil: undefined, freq: 2 }))
    .map(([entries, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) if (v !== undefined) out[k] = v;
      return { ...(extra ?? {}), ...out };
    });
}

// ---------------------------------------------------------------------------------------
// URLs

/** Percent-encodes UTF-8 bytes; lone surrogates become U+FFFD as any browser would send them. */
function pct(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** Path segments that stress the router and the decoders: broken escapes, overlong UTF-8, traversal. */
const rawSegments = ['%', '%2', '%ZZ', '%00', '%ED%A0%80', '%C0%AF', '%FF%FE', '%E0%A4%A', '..', '.', '%2e%2e', '..%2f..%2f', '%2F', ';x=1', '%3Bjsessionid=1', '~', 'a%20b', '%u0041', '*'];

const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...rawSegments),
  nastyString.filter((s) => s.length > 0).map((s) => pct(s.slice(0, 400))),
  fc.integer({ min: 150, max: 3000 }).map((n) => 'a'.repeat(n)),
);

/** Text of any generated value (String() throws for objects with a junk `toString` key). */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));

function queryString(op: Operation): fc.Arbitrary<string> {
  const known = op.query.map((q) =>
    fc.option(
      fc.oneof(
        valueFor(q.name, q.schema).map((v) => `${pct(q.name)}=${pct(asText(v).slice(0, 4000))}`),
        fc.array(valueFor(q.name, q.schema), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${pct(q.name)}=${pct(asText(v).slice(0, 4000))}`).join('&')),
        fc.constant(`${pct(q.name)}[]=uc`),
        fc.constant(`${pct(q.name)}[a]=b`),
        fc.constant(pct(q.name)),
        fc.constantFrom(...rawSegments).map((r) => `${pct(q.name)}=${r}`),
      ),
      { nil: undefined, freq: 4 },
    ),
  );
  const extra = fc.array(
    fc.oneof(
      // Node's HTTP parser refuses request lines over 16 KiB (431) before Fastify sees them.
      fc.tuple(nastyString, nastyString).map(([k, v]) => `${pct(k.slice(0, 2000))}=${pct(v.slice(0, 4000))}`),
      fc.constantFrom('__proto__[x]=1', 'constructor[prototype][x]=1', '&&&', '=', '==', '%', 'a=%ZZ', 'realm=uc&realm=admin'),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), extra).map(([k, e]) => {
    const parts = [...k.filter((x): x is string => x !== undefined), ...e];
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

// ---------------------------------------------------------------------------------------
// Bodies

const brokenJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1}}',
  "{'a':1}",
  '{"a":1,}',
  '\u0000',
  '"\\ud800"',
  '{"a":"\\u00"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '1e999999',
  '   ',
  '\ufeff{}',
);

interface BodyChoice {
  contentType: string | undefined;
  payload: string | Buffer | undefined;
  shape: string;
}

function bodyFor(op: Operation): fc.Arbitrary<BodyChoice> {
  const json = (shape: string) => (v: unknown): BodyChoice => ({ contentType: 'application/json', payload: JSON.stringify(v), shape });
  const choices: fc.Arbitrary<BodyChoice>[] = [
    (op.body ? objectFor(op.body) : fc.dictionary(nastyString.filter((k) => k.length < 50), junkValue, { maxKeys: 4 })).map(json('object')),
    fc.array(junkValue, { maxLength: 3 }).map(json('array instead of object')),
    fc.oneof(nastyString, fc.integer(), fc.constant(null), fc.boolean()).map(json('primitive')),
    brokenJson.map((t) => ({ contentType: 'application/json', payload: t, shape: 'broken JSON' })),
    fc.string({ maxLength: 60 }).map((t) => ({ contentType: 'application/json', payload: t, shape: 'random text as JSON' })),
    fc.uint8Array({ maxLength: 64 }).map((b) => ({ contentType: 'application/json', payload: Buffer.from(b), shape: 'random bytes as JSON' })),
    fc.constant({ contentType: 'application/json', payload: '', shape: 'empty JSON body' }),
    fc
      .tuple(
        fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream', 'text/html; charset=gbk', 'application/json; charset=latin1', 'application/jsonp', 'application/json-patch+json', 'image/png', '*/*', 'garbage', ';;;'),
        fc.oneof(nastyString, fc.constant('a=1&b=2'), fc.constant('<a>1</a>')),
      )
      .map(([contentType, payload]) => ({ contentType, payload, shape: `content-type ${contentType}` })),
    fc
      .tuple(fc.constantFrom('XyZ', '----b', ''), nastyString, fc.boolean())
      .map(([boundary, value, closed]) => ({
        contentType: `multipart/form-data; boundary=${boundary}`,
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="${value.slice(0, 20)}"\r\n\r\n${value}\r\n${closed ? `--${boundary}--\r\n` : ''}`,
        shape: 'multipart',
      })),
    fc
      .tuple(fc.constantFrom('file', 'license', 'idFront', 'x'), fc.uint8Array({ maxLength: 256 }), fc.constantFrom('a.pdf', 'a.png', '../../a.jpg', '验.jpg', ''))
      .map(([field, bytes, filename]) => {
        const boundary = 'fuzzBoundary';
        const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
        return {
          contentType: `multipart/form-data; boundary=${boundary}`,
          payload: Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]),
          shape: 'multipart file',
        };
      }),
    fc.constant({ contentType: undefined, payload: '{"a":1}', shape: 'no content-type' }),
    fc.constant({ contentType: undefined, payload: undefined, shape: 'no body' }),
  ];
  return fc.oneof(...choices);
}

// ---------------------------------------------------------------------------------------
// Requests

/** Malformed requests for one operation. */
export function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...op.pathParams.map(() => pathSegment));
  /** Mostly absent: `fc.option`'s freq is the odds of the nil value, so weights are spelled out. */
  const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const wrongMethod = rarely(fc.constantFrom<HttpMethod>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), 12);
  const extraHeaders = rarely(
    fc.constantFrom<Record<string, string>>(
      { 'accept-language': 'en-US,en;q=0.9' },
      { accept: 'text/html' },
      { 'x-forwarded-for': '1.2.3.4, garbage' },
      { 'content-encoding': 'gzip' },
      { 'transfer-encoding': 'chunked' },
      { 'x-http-method-override': 'DELETE' },
      { 'user-agent': 'x'.repeat(5000) },
    ),
    5,
  );
  const body = op.method === 'GET' ? fc.constant<BodyChoice>({ contentType: undefined, payload: undefined, shape: 'GET' }) : bodyFor(op);
  return fc.tuple(segments, queryString(op), body, wrongMethod, extraHeaders).map(([segs, query, b, otherMethod, extra]) => {
    let i = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => segs[i++]);
    const method = otherMethod ?? op.method;
    const headers: Record<string, string> = { ...(extra ?? {}) };
    if (b.contentType !== undefined && method !== 'GET') headers['content-type'] = b.contentType;
    return {
      method,
      url: `${path}${query}`,
      headers,
      payload: method === 'GET' ? undefined : b.payload,
      shape: `${method}${otherMethod ? ' (wrong method)' : ''} ${b.shape}${extra ? ` +${Object.keys(extra)[0]}` : ''}`,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Sweep: each dangerous value in each field, the other fields plausible

/** Values that break databases, encoders and loggers when they reach them. */
export const sweepValues = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e\u0000', '𠮷😀', 'x'.repeat(100_000), '<script>alert(1)</script>', "'; --", ''];

export interface SolvedCaptcha {
  captchaId: string;
  captchaAnswer: string;
}

/** A value that passes the field's own check, by the field's name (so a request gets far). */
export function plausibleValue(name: string, schema: JsonSchema, captcha: SolvedCaptcha | null): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('boolean')) return true;
  if (types.includes('integer') || types.includes('number')) return 1;
  if (types.includes('object')) return {};
  if (types.includes('array')) return [];
  if (name === 'captchaId') return captcha?.captchaId ?? 'none';
  if (name === 'captchaAnswer') return captcha?.captchaAnswer ?? 'none';
  if (/mobile/i.test(name)) return '13800000007';
  if (/code$/i.test(name) || schema.pattern === '^\\d{6}$') return '123456';
  if (/identifier/i.test(name)) return 'demo_xjr';
  if (/loginName/i.test(name)) return 'fuzz_sweep';
  if (/password/i.test(name)) return 'Strong#Pass2025';
  if (/email/i.test(name)) return 'fuzz_sweep@example.com';
  if (/uscc/i.test(name)) return '91110108MA01A1B215';
  if (/idNumber/i.test(name)) return '110108197805122317';
  if (/enterpriseName/i.test(name)) return '北京智芯微电子科技有限公司';
  if (/name/i.test(name)) return '王建国';
  return 'abc';
}

/** For each string field and each sweep value: one JSON request (query parameters likewise). */
export function sweepRequests(op: Operation, captcha: () => Promise<SolvedCaptcha | null>): { describe: string; make(): Promise<FuzzRequest> }[] {
  const out: { describe: string; make(): Promise<FuzzRequest> }[] = [];
  const path = op.path.replace(/\{[^}]+\}/g, 'sweep');
  const props = Object.entries(op.body?.properties ?? {});
  for (const [field] of props) {
    for (const value of sweepValues) {
      out.push({
        describe: `${field}=${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? '…' : ''}`,
        async make() {
          const solved = props.some(([name]) => name === 'captchaId') ? await captcha() : null;
          const body: Record<string, unknown> = {};
          for (const [name, schema] of props) body[name] = name === field ? value : plausibleValue(name, schema, solved);
          return { method: op.method, url: path, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body), shape: `sweep ${field}` };
        },
      });
    }
  }
  for (const q of op.query) {
    for (const value of sweepValues) {
      out.push({
        describe: `?${q.name}=${JSON.stringify(value.slice(0, 20))}`,
        async make() {
          const params = op.query.map((other) => `${pct(other.name)}=${pct(other.name === q.name ? value.slice(0, 4000) : String(plausibleValue(other.name, other.schema, null)))}`);
          return { method: op.method, url: `${path}?${params.join('&')}`, headers: {}, payload: undefined, shape: `sweep ?${q.name}` };
        },
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Checks

const chinese = /[\u4e00-\u9fa5]/;

/** What is wrong with a response (empty when it is fine). */
export function problemsOf(res: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400) {
    if (!type.includes('application/json')) problems.push(`error answer with content-type "${type}"`);
    let body: any;
    try {
      body = JSON.parse(res.body);
    } catch {
      problems.push(`error answer is not JSON: ${res.body.slice(0, 200)}`);
      return problems;
    }
    const keys = body && typeof body === 'object' ? Object.keys(body).sort().join(',') : typeof body;
    if (keys !== 'code,fieldErrors,message,requestId') problems.push(`error model keys are ${keys}`);
    if (typeof body?.code !== 'string' || !/^[A-Z_]+$/.test(body.code)) problems.push(`bad code ${JSON.stringify(body?.code)}`);
    if (typeof body?.message !== 'string' || !chinese.test(body.message)) problems.push(`message without Chinese: ${JSON.stringify(body?.message)}`);
    if (!body?.fieldErrors || typeof body.fieldErrors !== 'object' || Array.isArray(body.fieldErrors)) problems.push('fieldErrors is not an object');
    else {
      for (const [field, message] of Object.entries(body.fieldErrors)) {
        if (typeof message !== 'string' || !chinese.test(message)) problems.push(`fieldErrors.${field} without Chinese: ${JSON.stringify(message)}`);
      }
    }
    if (typeof body?.requestId !== 'string' || body.requestId !== res.headers['x-request-id']) problems.push('requestId missing or not the x-request-id header');
    if (/at .*\(.*:\d+:\d+\)|node_modules|Error:/.test(res.body)) problems.push('stack trace or framework error text in the body');
  } else if (type.includes('application/json')) {
    try {
      JSON.parse(res.body);
    } catch {
      problems.push(`2xx JSON answer that does not parse: ${res.body.slice(0, 200)}`);
    }
  }
  return problems;
}

/** FUZZ_RUNS from the environment: 100 by default (CI), 1000 under `npm run fuzz`. */
export function fuzzRuns(): number {
  const n = Number(process.env.FUZZ_RUNS ?? 100);
  return Number.isInteger(n) && n > 0 ? n : 100;
}
