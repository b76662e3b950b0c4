import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Uploaded files live outside the web root under random names; only ids reach the pages. */
export interface FileStorage {
  put(content: Buffer): Promise<string>;
  get(id: string): Promise<Buffer | null>;
  remove(id: string): Promise<void>;
}

const ID_PATTERN = /^[a-f0-9]{32}$/;

export function localFileStorage(rootDir: string): FileStorage {
  const fileOf = (id: string) => {
    if (!ID_PATTERN.test(id)) throw new Error('invalid file id');
    return path.join(rootDir, id.slice(0, 2), id);
  };
  return {
    async put(content) {
      const id = crypto.randomBytes(16).toString('hex');
      const file = fileOf(id);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content, { mode: 0o600 });
      return id;
    },
    async get(id) {
      if (!ID_PATTERN.test(id)) return null;
      try {
        return await fs.readFile(fileOf(id));
      } catch {
        return null;
      }
    },
    async remove(id) {
      if (ID_PATTERN.test(id)) await fs.rm(fileOf(id), { force: true });
    },
  };
}
