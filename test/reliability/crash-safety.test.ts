import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, type AppDeps } from '../../src/server/deps.js';
import { FINANCING_ROUTES, receiptUrl } from '../../src/shared/schemas/registration.js';
import { makeUscc } from '../../src/shared/validators/index.js';
import { platformSessionData, operatorSessionData } from '../helpers/sessions.js';
import { multipartBody } from '../helpers/multipart.js';
import { validPayload } from '../server/platform/financing/helpers.js';
import { freshChildEnv, HttpClient, killHard, startChild, stopChild, type ChildApp, type ChildEnv } from './child-app.js';

/**
 * Crash safety (issue 19, quality.md): the app runs as `npm start` runs it, in a child process,
 * on SQLite or PostgreSQL (TEST_DB). Many 融资服务专区 【提交】 are fired at once and the process
 * is killed with SIGKILL midway; after a restart every submission that was answered 提交成功 is
 * there and whole, and nothing is half-written. The same for a 资质管理 import killed between
 * batches: after the restart it resumes from its last committed batch.
 *
 * CI runs 200 submissions; RELIABILITY_SUBMISSIONS=1000 (npm run reliability) the full figure.
 */
const SUBMISSIONS = Number(process.env.RELIABILITY_SUBMISSIONS ?? 200);
const IMPORT_ROWS = Number(process.env.RELIABILITY_IMPORT_ROWS ?? 3000);
const TIMEOUT = 240_000 + SUBMISSIONS * 200;

let env: ChildEnv;
let app: ChildApp | undefined;
let deps: AppDeps;

beforeAll(async () => {
  env = await freshChildEnv('crash');
  deps = createDeps(loadConfig({ ...env.env, LOG_LEVEL: 'error' }));
}, 60_000);

afterAll(async () => {
  await stopChild(app);
  await deps?.close();
  await env?.dispose();
});

/** Enterprises (registry row, valid 创新型 qualification, complete 企业信息) made for this test. */
async function makeEnterprises(count: number, prefix: string) {
  const k = deps.db.kysely;
  const at = new Date().toISOString();
  const usccs: string[] = [];
  for (let i = 0; i < count; i++) usccs.push(makeUscc(`91110108${prefix}${String(i).padStart(9 - prefix.length, '0')}`));
  for (let i = 0; i < count; i += 200) {
    const slice = usccs.slice(i, i + 200);
    await k
      .insertInto('enterprise_registry')
      .values(
        slice.map((uscc, j) => ({
          uscc,
          name: `崩溃测试${prefix}科技有限公司${i + j}`,
          legal_rep_name_enc: deps.pii.encrypt('测试法人'),
          legal_rep_name_hash: deps.pii.lookupHash('测试法人', 'legal_rep_name'),
          legal_rep_id_enc: deps.pii.encrypt('110101199003070000'),
          legal_rep_id_hash: deps.pii.lookupHash(`110101199003070000-${uscc}`, 'id_number'),
          division_code: '110108',
          industry_code: '397',
          established_on: '2012-06-18',
          registered_capital: '5000',
          address: '北京市海淀区中关村大街1号',
          created_at: at,
        })),
      )
      .execute();
  }
  return usccs;
}

async function makeEligible(usccs: string[]) {
  const k = deps.db.kysely;
  const at = new Date().toISOString();
  for (let i = 0; i < usccs.length; i += 200) {
    const slice = usccs.slice(i, i + 200);
    await k
      .insertInto('qualifications')
      .values(slice.map((uscc, j) => ({ id: crypto.randomUUID(), uscc, type: 'cxx' as const, cert_no: `CRASH-${i + j}`, batch: '2026年第一批', recognized_on: '2026-01-15', valid_until: '2029-01-14', status: 'active' as const, authority: '北京市经济和信息化局', revoked_reason: null, created_at: at, updated_at: at, region_code: '110108' })))
      .execute();
    await k
      .insertInto('enterprise_profiles')
      .values(
        slice.map((uscc) => ({
          uscc,
          district_code: '110108',
          address_detail: '中关村大街1号',
          established_on: '2012-06-18',
          registered_capital: '5000',
          company_type: 'llc',
          industry_code: '397',
          main_business: '芯片设计',
          employees: 118,
          revenue: '8000',
          assets: '11000',
          contact_name_enc: deps.pii.encrypt('王建国'),
          contact_mobile_enc: deps.pii.encrypt('13800000001'),
          contact_email_enc: deps.pii.encrypt('contact@example.com'),
          business_address: null,
          website: null,
          listed: 0,
          listing_board: null,
          stock_code: null,
          intro: null,
          updated_by: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}

/** The payload enterprise i sends: canonical values (as the server stores them), one field unique per enterprise. */
function payloadOf(i: number) {
  return validPayload({ basic: { employees: 100 + (i % 500), revenue: '8600.5' }, optional: { highlights: `崩溃测试第${i}家企业的亮点` } });
}

describe('kill -9 during concurrent 【提交】', () => {
  it(
    `${SUBMISSIONS} submissions at once, killed midway: every 提交成功 is stored whole after the restart, nothing half-written`,
    async () => {
      const usccs = await makeEnterprises(SUBMISSIONS, 'CR');
      await makeEligible(usccs);
      const today = new Date().toISOString().slice(0, 10);
      const year = Number(today.slice(0, 4));
      await deps.db.kysely.insertInto('filing_window').values({ id: 1, data_year: year - 1, opens_on: `${year - 1}-01-01`, closes_on: `${year + 1}-12-31`, updated_at: new Date().toISOString(), updated_by: null }).onConflict((oc) => oc.column('id').doUpdateSet({ data_year: year - 1, opens_on: `${year - 1}-01-01`, closes_on: `${year + 1}-12-31` })).execute();
      const clients = await Promise.all(
        usccs.map(async (uscc) => {
          const client = new HttpClient(() => app!);
          client.cookies.set('pf_sid', await deps.sessions.create('platform', crypto.randomUUID(), platformSessionData(deps.pii, { uscc, displayNameEnc: deps.pii.encrypt(uscc) })));
          return client;
        }),
      );
      app = await startChild(env.env);
      // Each session opens the 提示事项 (and fetches its CSRF token); the 10 s reading time passes once for all.
      for (let i = 0; i < clients.length; i += 25) {
        await Promise.all(
          clients.slice(i, i + 25).map(async (client) => {
            const res = await client.request('GET', FINANCING_ROUTES.notice);
            expect(res.status, await res.clone().text()).toBe(200);
            await client.request('GET', '/api/csrf');
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 10_500));

      const answered = new Map<number, { id: string; version: number; acceptanceNo: string }>();
      let failures = 0;
      const killAfter = Math.max(1, Math.floor(SUBMISSIONS / 10));
      const running = app;
      let killing: Promise<void> | null = null;
      await Promise.all(
        clients.map(async (client, i) => {
          try {
            const res = await client.request('POST', FINANCING_ROUTES.submit, { revision: 0, ...payloadOf(i) });
            const body = (await res.json()) as { message: string; version: { id: string; version: number; acceptanceNo: string } };
            if (res.status === 200) {
              expect(body.message).toBe('提交成功');
              answered.set(i, body.version);
              if (answered.size === killAfter) killing = killHard(running);
            } else failures++;
          } catch {
            failures++; // the connection died with the process
          }
        }),
      );
      await killing;
      await killHard(running);
      expect(running.child.signalCode).toBe('SIGKILL');
      // Midway: some were answered before the kill, and some were cut off by it.
      expect(answered.size).toBeGreaterThanOrEqual(killAfter);
      expect(answered.size).toBeLessThan(SUBMISSIONS);

      app = await startChild(env.env);
      const k = deps.db.kysely;
      const registrations = await k.selectFrom('registrations').selectAll().where('uscc', 'in', usccs).execute();
      const versions = await k.selectFrom('registration_versions').selectAll().where('uscc', 'in', usccs).execute();
      console.info(`crash safety: ${SUBMISSIONS} submissions, ${answered.size} answered 提交成功 before the kill, ${failures} cut off, ${versions.length} versions stored`);
      // Enterprises with nothing stored open the 提示事项 now (its reading time runs while the checks do).
      const storedUsccs = new Set(registrations.map((r) => r.uscc));
      const retry = usccs.map((uscc, i) => ({ uscc, i })).filter(({ uscc }) => !storedUsccs.has(uscc)).slice(0, 5);
      const noticeOpened = Date.now();
      for (const { i } of retry) expect((await clients[i].request('GET', FINANCING_ROUTES.notice)).status).toBe(200);

      // Every answered submission: its version readable through its 回执, payload equal to what was sent.
      for (const [i, version] of answered) {
        const res = await clients[i].request('GET', receiptUrl(version.id));
        expect(res.status, `enterprise ${i}`).toBe(200);
        const receipt = (await res.json()) as { acceptanceNo: string; version: number; payload: ReturnType<typeof payloadOf> };
        expect(receipt.acceptanceNo).toBe(version.acceptanceNo);
        expect(receipt.version).toBe(1);
        expect(receipt.payload).toEqual(payloadOf(i));
      }

      // Nothing half-written: every registration of these enterprises is 'submitted' with exactly
      // its one version (no registration without its version, no version without its registration),
      // and each version has its 提交 audit record.
      expect(versions.length).toBeGreaterThanOrEqual(answered.size);
      expect(registrations.length).toBe(versions.length);
      const versionOf = new Map(versions.map((v) => [v.registration_id, v]));
      for (const r of registrations) {
        expect(r, r.uscc).toMatchObject({ status: 'submitted', revision: 1, latest_version: 1, draft: null });
        expect(versionOf.get(r.id), r.uscc).toMatchObject({ version: 1, uscc: r.uscc, based_on_revision: 0 });
      }
      const audited = await k.selectFrom('audit_log').select('target_id').where('action', '=', 'financing.submit').where('target_id', 'in', registrations.map((r) => r.id)).execute();
      expect(new Set(audited.map((a) => a.target_id)).size, 'every stored version has its audit record').toBe(registrations.length);
      expect(await deps.audit.verify()).toMatchObject({ ok: true });

      // A stored version that was not answered (cut off after the commit) is whole too, and its
      // enterprise sees it; an enterprise with nothing stored can submit now (no lock or row left behind).
      for (const v of versions) {
        const i = usccs.indexOf(v.uscc);
        if (answered.has(i)) continue;
        const res = await clients[i].request('GET', receiptUrl(v.id));
        expect(res.status).toBe(200);
        expect(((await res.json()) as { payload: unknown }).payload).toEqual(payloadOf(i));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, noticeOpened + 10_500 - Date.now())));
      for (const { i } of retry) {
        const res = await clients[i].request('POST', FINANCING_ROUTES.submit, { revision: 0, ...payloadOf(i) });
        expect(res.status, await res.clone().text()).toBe(200);
      }
      await stopChild(app);
    },
    TIMEOUT,
  );
});

describe('kill -9 during a 资质管理 import', () => {
  it(
    `an import of ${IMPORT_ROWS} rows killed between batches resumes after the restart: each batch applied once, with its checkpoint`,
    async () => {
      const usccs = await makeEnterprises(IMPORT_ROWS, 'MP');
      const names = await deps.db.kysely.selectFrom('enterprise_registry').select(['uscc', 'name']).where('uscc', 'in', usccs.slice(0, 1)).execute();
      expect(names).toHaveLength(1);
      const header = '统一社会信用代码,企业名称,认定编号,认定年度/批次,认定日期,有效期至,认定单位';
      const csv = [header, ...usccs.map((uscc, i) => `${uscc},崩溃测试MP科技有限公司${i},IMP-${i},2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`)].join('\r\n');

      const operator = new HttpClient(() => app!);
      operator.cookies.set('adm_sid', await deps.sessions.create('admin', 'op-crash', operatorSessionData()));
      app = await startChild(env.env);
      const { body, headers } = multipartBody({ type: 'cxx' }, { file: { name: 'crash.csv', content: Buffer.from(csv), type: 'text/csv' } });
      const uploaded = await operator.request('POST', '/api/admin/qualifications/imports', body, headers);
      expect(uploaded.status, await uploaded.clone().text()).toBe(200);
      const { id } = (await uploaded.json()) as { id: string };
      const k = deps.db.kysely;
      const job = () => k.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const until = async (check: (j: Awaited<ReturnType<typeof job>>) => boolean, what: string) => {
        for (let n = 0; n < 2000; n++) {
          const j = await job();
          if (check(j)) return j;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error(`job never ${what}`);
      };
      await until((j) => j.status === 'waiting', 'checked');
      expect((await operator.request('POST', `/api/admin/qualifications/imports/${id}/confirm`)).status).toBe(200);
      const imported = () => k.selectFrom('qualifications').select(({ fn }) => fn.countAll<number>().as('n')).where('uscc', 'in', usccs).where('type', '=', 'cxx').executeTakeFirstOrThrow().then((r) => Number(r.n));

      // Killed after the first committed batch (checkpoint > 0), before the last.
      const running = app;
      const cut = await until((j) => j.phase === 'import' && j.checkpoint > 0, 'committed a batch');
      await killHard(running);
      const atKill = await job();
      expect(atKill.status, 'the kill came before the end').toBe('running');
      expect(atKill.checkpoint).toBeGreaterThanOrEqual(cut.checkpoint);
      // What is stored is exactly the committed batches: rows 2 … checkpoint (row 1 is the header).
      expect(await imported()).toBe(atKill.checkpoint - 1);
      expect(atKill.checkpoint - 1).toBeLessThan(IMPORT_ROWS);

      // The dead process's lease runs out (60 s of wall clock, moved here), the restarted app resumes.
      await k.updateTable('jobs').set({ lease_until: 0 }).where('id', '=', id).execute();
      app = await startChild(env.env);
      const done = await until((j) => j.status !== 'running' && j.status !== 'queued', 'finished');
      expect(done.status).toBe('succeeded');
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      expect(await imported()).toBe(IMPORT_ROWS);
      const view = (await (await operator.request('GET', `/api/admin/qualifications/imports/${id}`)).json()) as { result: { inserted: number; updated: number; unchanged: number; invalid: number } };
      expect(view.result).toMatchObject({ inserted: IMPORT_ROWS, updated: 0, unchanged: 0, invalid: 0 });
      // No row twice.
      const distinct = await k.selectFrom('qualifications').select('cert_no').where('uscc', 'in', usccs).groupBy('cert_no').having(({ fn }) => fn.countAll(), '>', 1).execute();
      expect(distinct).toEqual([]);
      await stopChild(app);
    },
    TIMEOUT,
  );
});
