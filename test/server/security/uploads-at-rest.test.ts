import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFileStorage } from '../../../src/server/adapters/file-storage.js';
import { createPiiCrypto } from '../../../src/server/security/pii-crypto.js';
import { createTestContext, type TestContext } from '../../helpers/context.js';
import { newLoggedInAccount } from '../../helpers/accounts.js';
import { fileRealnameReview, HK_REPRESENTED, uploads } from '../../helpers/steps.js';
import { operatorClient } from './personal-data-helpers.js';

const pii = createPiiCrypto({ pii: { current: 'k1', keys: new Map([['k1', { enc: randomBytes(16), mac: randomBytes(32) }]]) }, lookupKey: randomBytes(32) });
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF_MAGIC = Buffer.from('%PDF-');
const JPG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

/** An "image" whose every 16-byte window is unique, so any clear copy on disk is found. */
const png = () => Buffer.concat([PNG_MAGIC, randomBytes(4096)]);
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4096)]);

/** The plain bytes, or any recognisable piece of them, do not appear in the stored file. */
function expectOpaque(stored: Buffer, original: Buffer) {
  expect(stored.includes(original)).toBe(false);
  for (let i = 0; i + 16 <= original.length; i += 512) expect(stored.includes(original.subarray(i, i + 16))).toBe(false);
  expect(stored.includes(PNG_MAGIC)).toBe(false);
  expect(stored.includes(PDF_MAGIC)).toBe(false);
  expect(stored.subarray(0, 3).equals(JPG_MAGIC)).toBe(false);
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('file storage encrypts uploads at rest', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
  const storage = localFileStorage(path.join(root, 'uploads'), pii);
  const fileOf = (id: string) => path.join(root, 'uploads', id.slice(0, 2), id);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes ciphertext (no original bytes, no PNG/PDF magic) and reads the original back', async () => {
    for (const original of [png(), pdf()]) {
      const id = await storage.put(original);
      expectOpaque(fs.readFileSync(fileOf(id)), original);
      expect((await storage.get(id))?.equals(original)).toBe(true);
    }
  });

  it('keeps the folders 0700 and the files 0600', async () => {
    const id = await storage.put(png());
    expect(mode(path.join(root, 'uploads'))).toBe(0o700);
    expect(mode(path.dirname(fileOf(id)))).toBe(0o700);
    expect(mode(fileOf(id))).toBe(0o600);
  });

  it('answers null for a file that was tampered with or encrypted under another key', async () => {
    const id = await storage.put(png());
    const stored = fs.readFileSync(fileOf(id));
    stored[stored.length - 1] ^= 1;
    fs.writeFileSync(fileOf(id), stored);
    expect(await storage.get(id)).toBeNull();

    const other = createPiiCrypto({ pii: { current: 'k1', keys: new Map([['k1', { enc: randomBytes(16), mac: randomBytes(32) }]]) }, lookupKey: randomBytes(32) });
    const foreign = await localFileStorage(path.join(root, 'uploads'), other).put(png());
    expect(await storage.get(foreign)).toBeNull();
  });

  it('encrypts files stored in clear by an older version, once, and tightens their modes', async () => {
    const legacyRoot = path.join(root, 'legacy');
    const id = 'ab'.repeat(16);
    const original = png();
    fs.mkdirSync(path.join(legacyRoot, 'ab'), { recursive: true, mode: 0o755 });
    fs.chmodSync(legacyRoot, 0o755);
    fs.writeFileSync(path.join(legacyRoot, 'ab', id), original, { mode: 0o644 });
    const legacy = localFileStorage(legacyRoot, pii);

    expect(await legacy.secureStoredFiles()).toBe(1);
    expectOpaque(fs.readFileSync(path.join(legacyRoot, 'ab', id)), original);
    expect((await legacy.get(id))?.equals(original)).toBe(true);
    expect([mode(legacyRoot), mode(path.join(legacyRoot, 'ab')), mode(path.join(legacyRoot, 'ab', id))]).toEqual([0o700, 0o700, 0o600]);
    expect(await legacy.secureStoredFiles()).toBe(0);
    expect((await legacy.get(id))?.equals(original)).toBe(true);
  });
});

describe('人工核验 uploads through the app', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('stores the ID-card image encrypted and the 管理端 viewer shows the original', async () => {
    const license = pdf();
    const idCard = png();
    const request = await fileRealnameReview(ctx, await newLoggedInAccount(ctx), HK_REPRESENTED, {
      businessLicense: { ...uploads.pdf(), content: license },
      idDocument: { ...uploads.png(), content: idCard },
    });
    const files = JSON.parse(request.files) as Record<string, { id: string }>;
    const onDisk = (role: string) => fs.readFileSync(path.join(ctx.config.dataDir, 'uploads', files[role].id.slice(0, 2), files[role].id));
    expectOpaque(onDisk('idDocument'), idCard);
    expectOpaque(onDisk('businessLicense'), license);

    const admin = await operatorClient(ctx);
    const image = await admin.get(`/api/admin/reviews/${request.id}/files/idDocument`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(idCard)).toBe(true);
    const document = await admin.get(`/api/admin/reviews/${request.id}/files/businessLicense`);
    expect(document.rawPayload.equals(license)).toBe(true);
  });
});
