import crypto from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_MAGIC, type PiiCrypto } from '../security/pii-crypto.js';
import { sniffUpload } from '../security/uploads.js';

/**
 * Uploaded files live outside the web root under random names; only ids reach the pages.
 * They are encrypted at rest (ID-card images, business licences): callers put and get plain
 * content, the disk holds only ciphertext (pii-crypto.ts, binary layout).
 */
export interface FileStorage {
  put(content: Buffer): Promise<string>;
  /** The plain content, or null when the id is unknown or the stored file fails to decrypt. */
  get(id: string): Promise<Buffer | null>;
  remove(id: string): Promise<void>;
  /**
   * Brings files stored before uploads were encrypted up to date: plain JPG/PNG/PDF content is
   * encrypted, folders get mode 0700 and files 0600. Idempotent; run at startup. Returns how
   * many files were encrypted.
   */
  secureStoredFiles(): Promise<number>;
  /**
   * Large files WITHOUT personal data (qualification import files, their error reports),
   * streamed to disk as they come and stored plain, so memory stays flat with file size.
   * Anything holding personal data goes through `put` (encrypted) instead.
   */
  putPlainStream(source: Readable | AsyncIterable<Buffer | string>): Promise<{ id: string; bytes: number }>;
  /** A stored plain file as a stream, or null when the id is unknown. */
  openPlainStream(id: string): Promise<Readable | null>;
  removePlain(id: string): Promise<void>;
}

const ID_PATTERN = /^[a-f0-9]{32}$/;
/** Only the owner may list or read the upload folders and files. */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export function localFileStorage(rootDir: string, cipher: Pick<PiiCrypto, 'encryptBytes' | 'decryptBytes'>): FileStorage {
  const fileOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new Error('invalid file id');
    return path.join(rootDir, id.slice(0, 2), id);
  };
  /** Plain files live apart (never touched by secureStoredFiles). */
  const plainFileOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new Error('invalid file id');
    return path.join(rootDir, 'plain', id.slice(0, 2), id);
  };

  /** Write to a private temp name, then rename: a reader never sees a half-written file. */
  async function writeEncrypted(file: string, plain: Buffer) {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
    const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, cipher.encryptBytes(plain), { mode: FILE_MODE, flag: 'wx' });
    await fs.rename(tmp, file);
  }

  return {
    async put(content) {
      const id = crypto.randomBytes(16).toString('hex');
      await writeEncrypted(fileOf(id), content);
      return id;
    },
    async get(id) {
      if (!ID_PATTERN.test(id)) return null;
      let stored: Buffer;
      try {
        stored = await fs.readFile(fileOf(id));
      } catch {
        return null;
      }
      try {
        return cipher.decryptBytes(stored);
      } catch {
        return null;
      }
    },
    async remove(id) {
      if (ID_PATTERN.test(id)) await fs.rm(fileOf(id), { force: true });
    },
    async putPlainStream(source) {
      const id = crypto.randomBytes(16).toString('hex');
      const file = plainFileOf(id);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
      const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      const out = createWriteStream(tmp, { mode: FILE_MODE, flags: 'wx' });
      try {
        await pipeline(source, out);
      } catch (error) {
        await fs.rm(tmp, { force: true });
        throw error;
      }
      await fs.rename(tmp, file);
      return { id, bytes: out.bytesWritten };
    },
    async openPlainStream(id) {
      if (!ID_PATTERN.test(id)) return null;
      const file = plainFileOf(id);
      try {
        await fs.access(file);
      } catch {
        return null;
      }
      return createReadStream(file, { highWaterMark: 256 * 1024 });
    },
    async removePlain(id) {
      if (ID_PATTERN.test(id)) await fs.rm(plainFileOf(id), { force: true });
    },
    async secureStoredFiles() {
      let converted = 0;
      const dirs = await fs.readdir(rootDir, { withFileTypes: true }).catch(() => null);
      if (!dirs) return 0;
      await fs.chmod(rootDir, DIR_MODE);
      for (const dir of dirs) {
        if (!dir.isDirectory() || !/^[a-f0-9]{2}$/.test(dir.name)) continue;
        await fs.chmod(path.join(rootDir, dir.name), DIR_MODE);
        for (const name of await fs.readdir(path.join(rootDir, dir.name))) {
          if (!ID_PATTERN.test(name)) continue;
          const file = fileOf(name);
          const content = await fs.readFile(file);
          if (!content.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC) && sniffUpload(content) !== null) {
            await writeEncrypted(file, content);
            converted++;
          } else {
            await fs.chmod(file, FILE_MODE);
          }
        }
      }
      return converted;
    },
  };
}
