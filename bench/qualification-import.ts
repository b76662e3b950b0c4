/**
 * Qualification import at scale (quality.md: 1,000,000-row CSV < 60 s; 100,000-row XLSX
 * < 60 s; RSS < 400 MiB; progress reported). A fresh SQLite database in a temp folder, a
 * registry stand-in with one enterprise per row (not timed), the file written to disk (not
 * timed); then the import as the console runs it: the file streamed to storage, the 'check'
 * phase, 确认, the 'import' phase — each timed, with the progress the page would see sampled.
 * Run alone: `npx tsx bench/qualification-import.ts csv 1000000` (prints JSON), or through
 * run.ts (BENCH_ONLY=import). Preparation and measurement run in child processes of their own,
 * so that the peak RSS is the import's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/server/config.js';
import { createDeps } from '../src/server/deps.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { jobRepo } from '../src/server/db/repos/jobs.js';
import { qualificationRepo } from '../src/server/db/repos/qualifications.js';
import { createJobRunner } from '../src/server/jobs/runner.js';
import { createImportJob, IMPORT_JOB_KIND } from '../src/server/admin/qualifications/import-job.js';
import { createQualificationService } from '../src/server/admin/qualifications/service.js';
import { makeUscc, USCC_CHARSET } from '../src/shared/validators/index.js';

export interface ImportBench {
  format: 'csv' | 'xlsx';
  rows: number;
  fileMiB: number;
  uploadMs: number;
  checkMs: number;
  importMs: number;
  totalMs: number;
  rowsPerSecond: number;
  /** CPU time (user + system) of the process during upload, check and import: on a shared, loaded machine the wall time says little. */
  cpuMs: number;
  /** Progress values (percent) the page saw while polling every 500 ms. */
  progressSamples: number;
  peakRssMiB: number;
  inserted: number;
  /** The same file again: every row unchanged, nothing written. */
  reimportMs: number;
  reimportUnchanged: number;
  loadAverage: number;
  target: string;
}

const HEADER = ['统一社会信用代码', '企业名称', '认定编号', '认定年度/批次', '认定日期', '有效期至', '认定单位'];
const DIVISIONS = ['110108', '310115', '440305', '330106', '320506', '510107', '420111', '370212'];

function usccOf(i: number): string {
  let body = '';
  let n = i;
  for (let k = 0; k < 9; k++) {
    body = USCC_CHARSET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  return makeUscc(`91${DIVISIONS[i % DIVISIONS.length]}${body}`);
}
const nameOf = (i: number) => `基准测试企业${i}有限公司`;
const rowOf = (i: number) => [usccOf(i), nameOf(i), `CX2026${String(i).padStart(8, '0')}`, '2026年第一批', '2026-03-15', '2029-03-14', '某省中小企业主管部门'];

const depsOf = (dir: string) => createDeps(loadConfig({ APP_ENV: 'development', DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`, LOG_LEVEL: 'error' }));

/** Not timed, in a process of its own (its memory is not the import's): the database with the registry, and the file. */
async function prepare(dir: string, format: 'csv' | 'xlsx', n: number): Promise<void> {
  {
    const deps = depsOf(dir);
    await migrateToLatest(deps.db, deps.pii);

    // The registry stand-in: one enterprise per row (personal columns are placeholders: the import never reads them).
    const at = new Date().toISOString();
    for (let i = 0; i < n; i += 2000) {
      await deps.db.kysely.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(n, i + 2000); j += 500) {
          const values = [];
          for (let k = j; k < Math.min(n, i + 2000, j + 500); k++) {
            values.push({ uscc: usccOf(k), name: nameOf(k), legal_rep_name_enc: '-', legal_rep_name_hash: '-', legal_rep_id_enc: '-', legal_rep_id_hash: '-', division_code: DIVISIONS[k % DIVISIONS.length], industry_code: '3973', established_on: '2012-06-18', registered_capital: '5000', address: '-', created_at: at });
          }
          await trx.insertInto('enterprise_registry').values(values).execute();
        }
      });
    }

    const file = path.join(dir, `import.${format}`);
    if (format === 'csv') {
      const out = fs.createWriteStream(file);
      out.write(`\uFEFF${HEADER.join(',')}\r\n`);
      for (let i = 0; i < n; i++) if (!out.write(`${rowOf(i).join(',')}\r\n`)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
      const sheet = workbook.addWorksheet('导入');
      sheet.addRow(HEADER).commit();
      for (let i = 0; i < n; i++) sheet.addRow(rowOf(i)).commit();
      await workbook.commit();
    }
    await deps.close();
  }
}

/** The timed part: upload, check, 确认, import — then the same file again. */
async function measure(dir: string, format: 'csv' | 'xlsx', n: number): Promise<ImportBench> {
  {
    const deps = depsOf(dir);
    const file = path.join(dir, `import.${format}`);
    const fileMiB = fs.statSync(file).size / 1024 / 1024;

    const jobs = jobRepo(deps.db);
    const qualifications = qualificationRepo(deps.db);
    const log = { error: (obj: unknown, msg: string) => console.error(msg, obj) };
    const runner = createJobRunner({ jobs, clock: deps.clock, log, handlers: { [IMPORT_JOB_KIND]: createImportJob({ db: deps.db, jobs, qualifications, registry: deps.enterpriseRegistry, files: deps.files, audit: deps.audit, clock: deps.clock }) } });
    const service = createQualificationService({ db: deps.db, qualifications, jobs, files: deps.files, audit: deps.audit, clock: deps.clock, kick: runner.kick });
    const scope = { operatorId: 'bench', role: 'ministry' as const, regionCode: '' };
    let samples = 0;

    async function until(id: string, statuses: string[]) {
      for (;;) {
        const view = await service.job(scope, id);
        if (view.status === 'running') samples++;
        if (statuses.includes(view.status)) return view;
        if (view.status === 'failed') throw new Error(view.error ?? 'failed');
        await new Promise((r) => setTimeout(r, 500));
      }
    }

    async function importOnce() {
      const cpu = process.cpuUsage();
      let started = performance.now();
      const { id } = await service.upload(scope, { type: 'cxx', fileName: path.basename(file), file: fs.createReadStream(file), truncated: () => false }, '127.0.0.1');
      const uploadMs = performance.now() - started;
      started = performance.now();
      const checked = await until(id, ['waiting']);
      const checkMs = performance.now() - started;
      started = performance.now();
      await service.confirm(scope, id, '127.0.0.1');
      const done = await until(id, ['succeeded']);
      const importMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return { uploadMs, checkMs, importMs, checked, done, cpuMs: (used.user + used.system) / 1000 };
    }

    // BENCH_IMPORT_PROFILE=<file>: a CPU profile of the first import only (bench/profile-summary.ts reads it).
    const profileFile = process.env.BENCH_IMPORT_PROFILE;
    const inspector = profileFile ? new (await import('node:inspector/promises')).Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    const first = await importOnce();
    if (inspector && profileFile) {
      const { profile } = await inspector.post('Profiler.stop');
      fs.writeFileSync(profileFile, JSON.stringify(profile));
      inspector.disconnect();
    }
    if (first.checked.result?.valid !== n) throw new Error(`expected ${n} valid rows, got ${JSON.stringify(first.checked.result)}`);
    const again = await importOnce();
    await runner.stop();
    await deps.close();
    const totalMs = first.uploadMs + first.checkMs + first.importMs;
    return {
      format,
      rows: n,
      fileMiB: Math.round(fileMiB),
      uploadMs: Math.round(first.uploadMs),
      checkMs: Math.round(first.checkMs),
      importMs: Math.round(first.importMs),
      totalMs: Math.round(totalMs),
      rowsPerSecond: Math.round(n / (totalMs / 1000)),
      cpuMs: Math.round(first.cpuMs),
      progressSamples: samples,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      inserted: first.done.result?.inserted ?? 0,
      reimportMs: Math.round(again.uploadMs + again.checkMs + again.importMs),
      reimportUnchanged: again.done.result?.unchanged ?? 0,
      loadAverage: os.loadavg()[0],
      target: format === 'csv' ? '1,000,000-row CSV < 60 s, RSS < 400 MiB' : '100,000-row XLSX < 60 s, RSS < 400 MiB',
    };
  }
}

/** Prepares and measures in two child processes (the measurement's peak RSS is the import's own). */
export function benchImport(format: 'csv' | 'xlsx', n: number): ImportBench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidu-import-bench-'));
  try {
    const run = (step: string) => execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), step, dir, format, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    run('prepare');
    const out = run('measure');
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ImportBench;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [step, dir, formatArg, rows] = process.argv.slice(2);
  const format = formatArg === 'xlsx' ? 'xlsx' : 'csv';
  const n = Number(rows ?? (format === 'csv' ? 1_000_000 : 100_000));
  if (step === 'prepare') await prepare(dir!, format, n);
  else if (step === 'measure') console.log(JSON.stringify(await measure(dir!, format, n)));
  else console.log(JSON.stringify(benchImport(step === 'xlsx' ? 'xlsx' : 'csv', Number(dir ?? (step === 'xlsx' ? 100_000 : 1_000_000)))));
  process.exit(0);
}
