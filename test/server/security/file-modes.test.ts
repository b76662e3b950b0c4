import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';
import { createDeps } from '../../../src/server/deps.js';
import { openDatabase } from '../../../src/server/db/index.js';
import { migrateToLatest } from '../../../src/server/db/migrate.js';
import { FakeClock } from '../../../src/server/clock.js';

/** Files that hold personal data or keys are readable by the server's user only (quality.md). */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
/** Octal text, so a failure reads like ls -l. */
const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);

describe('file modes of the data directory', () => {
  it('a fresh DATA_DIR: folders 0700; database, WAL, SHM, secrets, outbox and uploads 0600', async () => {
    const previous = process.umask(0o022); // the usual umask, which gives 0644 files by default
    const dataDir = path.join(root, 'fresh', 'data');
    try {
      const config = loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error' });
      const deps = createDeps(config, { clock: new FakeClock('2026-01-01T00:00:00.000Z') });
      try {
        await migrateToLatest(deps.db, deps.pii); // writes: the WAL and SHM exist while the database is open
        deps.outbox!.add({ channel: 'sms', to: '13800000001', subject: '', text: 'x', code: null });
        const id = await deps.files.put(Buffer.from('%PDF-1.4 x'));
        const db = path.join(dataDir, 'app.db');
        expect(fs.existsSync(`${db}-wal`) && fs.existsSync(`${db}-shm`)).toBe(true);
        expect({
          dataDir: mode(dataDir),
          db: mode(db),
          wal: mode(`${db}-wal`),
          shm: mode(`${db}-shm`),
          secrets: mode(path.join(dataDir, 'secrets.json')),
          outbox: mode(path.join(dataDir, 'outbox.jsonl')),
          uploads: mode(path.join(dataDir, 'uploads')),
          uploadDir: mode(path.join(dataDir, 'uploads', id.slice(0, 2))),
          upload: mode(path.join(dataDir, 'uploads', id.slice(0, 2), id)),
        }).toEqual({ dataDir: '700', db: '600', wal: '600', shm: '600', secrets: '600', outbox: '600', uploads: '700', uploadDir: '700', upload: '600' });
      } finally {
        await deps.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a database left 0644 by an older version, with its WAL and SHM', async () => {
    const dir = path.join(root, 'old');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'app.db');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.writeFileSync(f, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const db = openDatabase(`sqlite:${file}`);
    try {
      expect([mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(['600', '600', '600']);
    } finally {
      await db.close();
    }
  });
});
