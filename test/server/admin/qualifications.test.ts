import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { TestClient } from '../../helpers/client.js';
import { multipartBody } from '../../helpers/multipart.js';
import { operatorSessionData, platformSessionData } from '../../helpers/sessions.js';
import { loggedInOperator } from '../../helpers/steps.js';
import { makeUscc } from '../../../src/shared/validators/index.js';
import { jobRepo } from '../../../src/server/db/repos/jobs.js';

let ctx: TestContext;
let admin: TestClient;
let adminSh: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await loggedInOperator(ctx, 'admin');
  adminSh = await loggedInOperator(ctx, 'admin_sh');
});
afterAll(async () => ctx?.close());

const HEADER = '统一社会信用代码,企业名称,认定编号,认定年度/批次,认定日期,有效期至,认定单位';

/** A console session of an operator that the demo data does not have (市级, another province). */
async function operatorWith(role: 'province' | 'city', regionCode: string) {
  const client = new TestClient(ctx.app);
  client.cookies.set('adm_sid', await ctx.deps.sessions.create('admin', `op-${role}-${regionCode}`, operatorSessionData({ role, regionCode, name: `${regionCode}管理员` })));
  return client;
}

/** Generated registry enterprises of a province without any qualification (each test takes its own). */
const taken = new Set<string>();
async function freshEnterprises(province: string, count: number) {
  const rows = await ctx.deps.db.kysely
    .selectFrom('enterprise_registry as r')
    .select(['r.uscc', 'r.name', 'r.division_code'])
    .where('r.division_code', 'like', `${province}%`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('qualifications as q').select('q.id').whereRef('q.uscc', '=', 'r.uscc'))))
    .orderBy('r.uscc')
    .execute();
  const picked = rows.filter((r) => !taken.has(r.uscc) && !r.name.startsWith('北京智芯')).slice(0, count);
  for (const r of picked) taken.add(r.uscc);
  expect(picked).toHaveLength(count);
  return picked;
}

function upload(client: TestClient, type: string, name: string, content: Buffer, mime = 'text/csv') {
  const { body, headers } = multipartBody({ type }, { file: { name, content, type: mime } });
  return client.request('POST', '/api/admin/qualifications/imports', body, headers);
}

/** Polls the job until it stops running (the runner works in the background). */
async function settled(client: TestClient, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await client.get(`/api/admin/qualifications/imports/${id}`);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not settle');
}

async function importCsv(client: TestClient, type: string, csv: string) {
  const res = await upload(client, type, 'import.csv', Buffer.from(csv));
  expect(res.statusCode, res.body).toBe(200);
  const checked = await settled(client, res.json().id);
  return { id: res.json().id as string, checked };
}

async function confirmed(client: TestClient, id: string) {
  expect((await client.post(`/api/admin/qualifications/imports/${id}/confirm`)).statusCode).toBe(200);
  return settled(client, id);
}

/** GB18030 bytes of a text (two-byte codes, as Excel on a Chinese Windows writes CSV). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const bytes = Buffer.from([lead, trail]);
      const ch = decoder.decode(bytes);
      if (!codes.has(ch)) codes.set(ch, bytes);
    }
  }
  return Buffer.concat([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch) : codes.get(ch)!)));
}

const stored = (uscc: string) => ctx.deps.db.kysely.selectFrom('qualifications').selectAll().where('uscc', '=', uscc).execute();
const search = (client: TestClient, body: Record<string, unknown>) => client.post('/api/admin/qualifications/search', body);

describe('【导入】 templates', () => {
  it('offers a CSV and an XLSX template per type, 科技型中小企业 with 入库 columns', async () => {
    const csv = await admin.get('/api/admin/qualifications/templates/cxx/csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\uFEFF/, '').trim()).toBe(HEADER);
    expect(decodeURIComponent(String(csv.headers['content-disposition']))).toContain('创新型中小企业导入模板.csv');
    const xlsx = await admin.get('/api/admin/qualifications/templates/kjx/xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('科技型中小企业入库导入模板.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(['统一社会信用代码', '企业名称', '入库编号', '入库年度/批次', '入库日期', '有效期至', '入库单位']);
    const xjr = await admin.get('/api/admin/qualifications/templates/xjr/csv');
    expect(decodeURIComponent(String(xjr.headers['content-disposition']))).toContain('专精特新“小巨人”企业导入模板.csv');
    expect((await admin.get('/api/admin/qualifications/templates/abc/csv')).statusCode).toBe(400);
  });
});

describe('【导入】 CSV', () => {
  it('previews, reports each bad row (row, column, reason), imports the good ones after 确认, and a re-import changes nothing', async () => {
    const [a, b, c] = await freshEnterprises('11', 3);
    const badUscc = `${a.uscc.slice(0, 17)}${a.uscc[17] === '0' ? '1' : '0'}`;
    const unknown = makeUscc('91110108MA00000000'.slice(0, 17));
    const csv = [
      HEADER,
      `${a.uscc},${a.name},CX2026-0001,2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`,
      `${badUscc},${a.name},CX2026-0002,2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`,
      `${b.uscc},某某不对的公司,CX2026-0003,2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`,
      `${c.uscc},${c.name},CX2026-0004,2026年第一批,2026-02-30,2029-03-14,北京市经济和信息化局`,
      `${a.uscc},${a.name},CX2026-0001,2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`,
      `${unknown},${a.name},CX2026-0005,2026年第一批,2026-03-15,2029-03-14,北京市经济和信息化局`,
      `${b.uscc},${b.name},CX2026-0006,2026年第一批,2026-03-15,2026-01-01,北京市经济和信息化局`,
      ',,,,,,',
      `${c.uscc},${c.name.replace('有限公司', '（有限公司）').replace('（有限公司）', '有限公司')},CX2026-0007,2026年第二批,2026/4/1,2029-03-31,北京市经济和信息化局`,
    ].join('\r\n');
    const { id, checked } = await importCsv(admin, 'cxx', csv);
    expect(checked).toMatchObject({ status: 'waiting', statusLabel: '待确认', phase: 'check', typeLabel: '创新型中小企业', progress: { percent: 100 } });
    expect(checked.result).toMatchObject({ total: 8, valid: 2, invalid: 6, inserted: 2, updated: 0, unchanged: 0, hasErrorReport: true });
    expect(checked.result.preview[0]).toMatchObject({ row: 2, ok: true, values: { uscc: a.uscc, certNo: 'CX2026-0001' } });
    expect(checked.result.errors).toEqual([
      { row: 3, column: '统一社会信用代码', reason: '统一社会信用代码校验位错误' },
      { row: 4, column: '企业名称', reason: '企业名称与登记机关登记的名称不一致' },
      { row: 5, column: '认定日期', reason: '认定日期不是有效日期，应为YYYY-MM-DD格式' },
      { row: 6, column: '认定编号', reason: '与第2行重复（统一社会信用代码和认定编号相同）' },
      { row: 7, column: '统一社会信用代码', reason: '登记机关未查询到该统一社会信用代码' },
      { row: 8, column: '有效期至', reason: '有效期至不能早于认定日期' },
    ]);
    // Nothing is written before 【确认导入】.
    expect(await stored(a.uscc)).toEqual([]);

    const report = await admin.get(`/api/admin/qualifications/imports/${id}/errors`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"行号","列","错误原因","统一社会信用代码"');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toBe(`"4","企业名称","企业名称与登记机关登记的名称不一致","${b.uscc}"`);

    const done = await confirmed(admin, id);
    expect(done).toMatchObject({ status: 'succeeded', statusLabel: '已完成', phase: 'import', result: { inserted: 2, updated: 0, unchanged: 0, invalid: 6 } });
    expect(await stored(a.uscc)).toMatchObject([{ type: 'cxx', cert_no: 'CX2026-0001', batch: '2026年第一批', recognized_on: '2026-03-15', valid_until: '2029-03-14', status: 'active', region_code: a.division_code }]);
    expect(await stored(c.uscc)).toMatchObject([{ cert_no: 'CX2026-0007', recognized_on: '2026-04-01' }]);
    // A second 确认 of the same job is refused.
    expect((await admin.post(`/api/admin/qualifications/imports/${id}/confirm`)).json().message).toBe('该导入任务已确认或已取消，请刷新后查看');

    // The same file again: every good row is unchanged, and nothing is written.
    const before = await stored(a.uscc);
    ctx.clock.advance(60_000);
    const again = await importCsv(admin, 'cxx', csv);
    expect(again.checked.result).toMatchObject({ valid: 2, inserted: 0, updated: 0, unchanged: 2 });
    expect((await confirmed(admin, again.id)).result).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await stored(a.uscc)).toEqual(before);

    // A changed row is updated in place (same key).
    const changed = await importCsv(admin, 'cxx', `${HEADER}\n${a.uscc},${a.name},CX2026-0001,2026年第一批,2026-03-15,2030-03-14,北京市经济和信息化局\n`);
    expect((await confirmed(admin, changed.id)).result).toMatchObject({ inserted: 0, updated: 1 });
    expect(await stored(a.uscc)).toMatchObject([{ id: before[0].id, valid_until: '2030-03-14' }]);

    const audit = await ctx.deps.db.kysely.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', id).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['qualification.import.upload', 'qualification.import.error-report', 'qualification.import.confirm', 'qualification.import.done']);
  });

  it('reads GB18030 CSV as Excel saves it, and fails a file whose header is not the template’s', async () => {
    const [a] = await freshEnterprises('11', 1);
    const gbk = encodeGb18030(`${HEADER}\r\n${a.uscc},${a.name},ZJ-GBK-1,2026年,2026-01-10,2029-01-09,北京市经济和信息化局\r\n`);
    expect(gbk.includes(Buffer.from('企业名称'))).toBe(false);
    const res = await upload(admin, 'zjtx', 'excel.csv', gbk);
    const checked = await settled(admin, res.json().id);
    expect(checked.result).toMatchObject({ total: 1, valid: 1, invalid: 0, hasErrorReport: false, preview: [{ values: { name: a.name } }] });
    const wrong = await importCsv(admin, 'zjtx', `统一社会信用代码,企业名称\n${a.uscc},${a.name}\n`);
    expect(wrong.checked).toMatchObject({ status: 'failed', statusLabel: '失败' });
    expect(wrong.checked.error).toContain('表头与模板不一致，缺少：认定编号');
    const empty = await importCsv(admin, 'zjtx', `${HEADER}\n`);
    expect(empty.checked).toMatchObject({ status: 'failed', error: '文件中没有数据，请按模板填写后重新上传' });
  });

  it('refuses files that are neither CSV nor XLSX', async () => {
    const png = await upload(admin, 'cxx', 'a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'image/png');
    expect(png.statusCode).toBe(400);
    expect(png.json().message).toBe('文件格式不支持，请上传CSV或XLSX文件');
    const noType = await upload(admin, 'nope', 'a.csv', Buffer.from(HEADER));
    expect(noType.json()).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { type: '请选择资质类型' } });
    const json = await admin.post('/api/admin/qualifications/imports', {});
    expect(json.statusCode).toBe(415);
  });
});

describe('【导入】 XLSX', () => {
  it('imports an XLSX with date cells and text cells (streaming reader)', async () => {
    const [a, b] = await freshEnterprises('44', 2);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('科技型中小企业');
    sheet.addRow(['统一社会信用代码', '企业名称', '入库编号', '入库年度/批次', '入库日期', '有效期至', '入库单位']);
    sheet.addRow([a.uscc, a.name, '2026440100001', '2026年第一批入库', new Date(Date.UTC(2026, 2, 15)), new Date(Date.UTC(2026, 11, 31)), '广东省科学技术厅']);
    sheet.addRow([b.uscc, b.name, '2026440100002', '2026年第一批入库', '2026-03-15', '2025-12-31', '广东省科学技术厅']);
    const content = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(admin, 'kjx', '科技型.xlsx', content, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.statusCode, res.body).toBe(200);
    const checked = await settled(admin, res.json().id);
    expect(checked.result).toMatchObject({ total: 2, valid: 1, invalid: 1, errors: [{ row: 3, column: '有效期至', reason: '有效期至不能早于入库日期' }] });
    expect(checked.columns).toContain('入库编号');
    const done = await confirmed(admin, res.json().id);
    expect(done.result).toMatchObject({ inserted: 1 });
    expect(await stored(a.uscc)).toMatchObject([{ type: 'kjx', cert_no: '2026440100001', recognized_on: '2026-03-15', valid_until: '2026-12-31' }]);
  });
});

describe('who may import and revoke', () => {
  it('专精特新“小巨人”企业: 部级 only; 市级 imports nothing', async () => {
    const csv = Buffer.from(`${HEADER}\n`);
    const sh = await upload(adminSh, 'xjr', 'x.csv', csv);
    expect(sh.statusCode).toBe(403);
    expect(sh.json().message).toBe('您无权进行此操作');
    const city = await operatorWith('city', '3101');
    expect((await upload(city, 'cxx', 'x.csv', csv)).statusCode).toBe(403);
    expect((await upload(admin, 'xjr', 'x.csv', csv)).statusCode).toBe(200);
  });

  it('省级 imports only rows of its province: others are per-row errors', async () => {
    const [sh] = await freshEnterprises('31', 1);
    const [bj] = await freshEnterprises('11', 1);
    const csv = `${HEADER}\n${sh.uscc},${sh.name},ZJ-SH-1,2026年,2026-01-10,2029-01-09,上海市经济和信息化委员会\n${bj.uscc},${bj.name},ZJ-BJ-1,2026年,2026-01-10,2029-01-09,上海市经济和信息化委员会\n`;
    const { id, checked } = await importCsv(adminSh, 'zjtx', csv);
    expect(checked.result).toMatchObject({ valid: 1, invalid: 1, errors: [{ row: 3, column: '统一社会信用代码', reason: '该企业不属于本省（区、市），无权导入' }] });
    // Another operator cannot see, confirm or download someone else's job.
    for (const other of [admin, await operatorWith('province', '11')]) {
      expect((await other.get(`/api/admin/qualifications/imports/${id}`)).statusCode).toBe(404);
      expect((await other.post(`/api/admin/qualifications/imports/${id}/confirm`)).statusCode).toBe(404);
      expect((await other.post(`/api/admin/qualifications/imports/${id}/cancel`)).statusCode).toBe(404);
      expect((await other.get(`/api/admin/qualifications/imports/${id}/errors`)).statusCode).toBe(404);
    }
    expect((await confirmed(adminSh, id)).result).toMatchObject({ inserted: 1 });
    expect(await stored(sh.uscc)).toHaveLength(1);
    expect(await stored(bj.uscc)).toEqual([]);
  });

  it('取消 a checked import: nothing is written', async () => {
    const [a] = await freshEnterprises('31', 1);
    const { id } = await importCsv(adminSh, 'cxx', `${HEADER}\n${a.uscc},${a.name},CX-C-1,2026年,2026-01-10,2029-01-09,上海市经济和信息化委员会\n`);
    expect((await adminSh.post(`/api/admin/qualifications/imports/${id}/cancel`)).statusCode).toBe(200);
    expect((await adminSh.get(`/api/admin/qualifications/imports/${id}`)).json().status).toBe('cancelled');
    expect((await adminSh.post(`/api/admin/qualifications/imports/${id}/confirm`)).statusCode).toBe(409);
    expect(await stored(a.uscc)).toEqual([]);
  });

  it('【撤销】 needs a reason; 省级 revokes in its province only, not a 小巨人; 市级 never; a revoked row is not brought back by an import', async () => {
    const [sh, sh2] = await freshEnterprises('31', 2);
    const [bj] = await freshEnterprises('5', 1);
    await confirmed(admin, (await importCsv(admin, 'cxx', `${HEADER}\n${sh.uscc},${sh.name},CX-R-1,2026年,2026-01-10,2029-01-09,上海市经济和信息化委员会\n${bj.uscc},${bj.name},CX-R-2,2026年,2026-01-10,2029-01-09,北京市经济和信息化局\n`)).id);
    await confirmed(admin, (await importCsv(admin, 'xjr', `${HEADER}\n${sh2.uscc},${sh2.name},XJR-R-1,2026年,2026-01-10,2029-01-09,工业和信息化部\n`)).id);
    const [shRow] = await stored(sh.uscc);
    const [bjRow] = await stored(bj.uscc);
    const [xjrRow] = await stored(sh2.uscc);

    expect((await adminSh.post(`/api/admin/qualifications/${bjRow.id}/revoke`, { reason: '企业已注销' })).statusCode).toBe(404);
    expect((await adminSh.post(`/api/admin/qualifications/${xjrRow.id}/revoke`, { reason: '企业已注销' })).statusCode).toBe(403);
    const city = await operatorWith('city', '3101');
    expect((await city.post(`/api/admin/qualifications/${shRow.id}/revoke`, { reason: '企业已注销' })).statusCode).toBe(shRow.region_code.startsWith('3101') ? 403 : 404);
    const noReason = await adminSh.post(`/api/admin/qualifications/${shRow.id}/revoke`, { reason: ' ' });
    expect(noReason.json()).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: { reason: '请填写撤销原因' } });

    expect((await adminSh.post(`/api/admin/qualifications/${shRow.id}/revoke`, { reason: '企业存在弄虚作假行为' })).statusCode).toBe(200);
    expect(await stored(sh.uscc)).toMatchObject([{ status: 'revoked', revoked_reason: '企业存在弄虚作假行为' }]);
    expect((await adminSh.post(`/api/admin/qualifications/${shRow.id}/revoke`, { reason: '再次撤销' })).json().message).toBe('该资质已撤销');
    expect((await admin.post(`/api/admin/qualifications/${bjRow.id}/revoke`, { reason: '企业已注销' })).statusCode).toBe(200);
    const audit = await ctx.deps.db.kysely.selectFrom('audit_log').select(['action', 'actor_type', 'details']).where('target_id', '=', shRow.id).execute();
    expect(audit).toMatchObject([{ action: 'qualification.revoke', actor_type: 'operator' }]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ reason: '企业存在弄虚作假行为', certNo: 'CX-R-1' });

    // The list says 已撤销 at once; the same file again does not bring it back.
    const listed = (await search(adminSh, { keyword: sh.uscc })).json();
    expect(listed.items).toMatchObject([{ id: shRow.id, state: 'revoked', stateLabel: '已撤销', revokedReason: '企业存在弄虚作假行为', canRevoke: false }]);
    const again = await importCsv(admin, 'cxx', `${HEADER}\n${sh.uscc},${sh.name},CX-R-1,2026年,2026-01-10,2029-01-09,上海市经济和信息化委员会\n`);
    expect(again.checked.result.errors).toEqual([{ row: 2, column: '认定编号', reason: '该资质已撤销，不能通过导入恢复' }]);
  });
});

describe('eligibility (the 去登记 gate reads the same table)', () => {
  it('opens with an import and closes with 【撤销】, at once', async () => {
    const [e] = await freshEnterprises('33', 1);
    const enterprise = new TestClient(ctx.app);
    enterprise.cookies.set('pf_sid', await ctx.deps.sessions.create('platform', `acc-${e.uscc}`, platformSessionData(ctx.deps.pii, { uscc: e.uscc, displayNameEnc: ctx.deps.pii.encrypt(e.name) })));
    const gate = async () => {
      const res = await enterprise.get('/api/platform/financing/gate');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().step as string;
    };
    expect(await gate()).toBe('not-eligible');
    await confirmed(admin, (await importCsv(admin, 'cxx', `${HEADER}\n${e.uscc},${e.name},CX-G-1,2026年,2026-01-10,2029-01-09,浙江省经济和信息化厅\n`)).id);
    expect(await gate()).not.toBe('not-eligible');
    const [row] = await stored(e.uscc);
    expect((await admin.post(`/api/admin/qualifications/${row.id}/revoke`, { reason: '企业已注销' })).statusCode).toBe(200);
    expect(await gate()).toBe('not-eligible');
  });
});

describe('the list', () => {
  it('is scoped to the operator’s region in the data layer, filtered by body (never a query string)', async () => {
    const sh = (await search(adminSh, { pageSize: 100 })).json();
    expect(sh.total).toBeGreaterThan(0);
    expect(sh.items.every((i: { regionCode: string }) => i.regionCode.startsWith('31'))).toBe(true);
    // A 北京 enterprise is not found by a 上海 operator, even by its USCC.
    expect((await search(adminSh, { keyword: '91110108MA01A1B215' })).json()).toEqual({ items: [], total: 0 });
    expect((await search(adminSh, { region: '11' })).json().total).toBe(0);
    const bj = (await search(admin, { keyword: '91110108MA01A1B215' })).json();
    expect(bj.items).toMatchObject([{ enterpriseName: '北京智芯微电子科技有限公司', type: 'xjr', typeLabel: '专精特新“小巨人”企业', state: 'valid', stateLabel: '有效', canRevoke: true }]);
    const byName = (await search(admin, { keyword: '智芯微电子' })).json();
    expect(byName.items.map((i: { uscc: string }) => i.uscc)).toContain('91110108MA01A1B215');
    const expired = (await search(admin, { type: 'kjx', state: 'expired', pageSize: 100 })).json();
    expect(expired.items.length).toBeGreaterThan(0);
    expect(expired.items.every((i: { state: string; type: string }) => i.state === 'expired' && i.type === 'kjx')).toBe(true);
    const page2 = (await search(admin, { page: 2, pageSize: 5 })).json();
    expect(page2.items).toHaveLength(5);
    expect((await search(admin, { region: 'x' })).statusCode).toBe(400);
    const city = (await search(await operatorWith('city', '3101'), { pageSize: 100 })).json();
    expect(city.items.every((i: { regionCode: string }) => i.regionCode.startsWith('3101'))).toBe(true);
    expect((await new TestClient(ctx.app).post('/api/admin/qualifications/search', {})).statusCode).toBe(401);
  });
});

describe('jobs', () => {
  it('are claimed by one runner at a time; a lapsed lease lets another take the job over', async () => {
    const jobs = jobRepo(ctx.deps.db);
    const job = await jobs.create({ kind: 'test-kind', phase: 'x', ownerId: 'o', params: {}, now: new Date().toISOString() });
    const t = Date.now();
    const first = await jobs.claimNext(['test-kind'], 'A', t, t + 1000, new Date().toISOString());
    expect(first?.id).toBe(job.id);
    expect(await jobs.claimNext(['test-kind'], 'B', t, t + 1000, new Date().toISOString())).toBeNull();
    const taken = await jobs.claimNext(['test-kind'], 'B', t + 2000, t + 3000, new Date().toISOString());
    expect(taken).toMatchObject({ id: job.id, lease_owner: 'B', attempts: 2 });
    expect(await jobs.progress(job.id, 'A', { done: 1, total: 2, leaseUntil: t + 5000, now: new Date().toISOString() })).toBe(false);
    expect(await jobs.finish(job.id, 'B', { status: 'succeeded', now: new Date().toISOString() })).toBe(true);
  });
});
