import crypto from 'node:crypto';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** The same work as a real verify, for unknown accounts (no timing difference). */
  dummyVerify(password: string): Promise<false>;
  /** Tasks waiting for a worker, tasks running, worker threads (for the metrics). */
  stats?(): { queued: number; running: number; workers: number };
  close(): Promise<void>;
}

interface Task {
  id: number;
  op: 'hash' | 'verify';
  password: string;
  hash?: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * argon2id (m = 19 MiB, t = 2, p = 1) in a pool of worker threads, cores − 1 by default
 * (at least one), so hashing never starves the event loop or the libuv threadpool that
 * SQLite and file I/O use. See ADR 0003.
 */
export function createPasswordHasher(size = Math.max(1, os.availableParallelism() - 1)): PasswordHasher {
  const workerUrl = new URL('./argon2-worker.mjs', import.meta.url);
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: Task[] = [];
  const running = new Map<Worker, Task>();
  let nextId = 1;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      running.set(worker, task);
      worker.postMessage({ id: task.id, op: task.op, password: task.password, hash: task.hash });
    }
  };

  const startWorker = () => {
    const worker = new Worker(workerUrl);
    worker.unref();
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const task = running.get(worker);
      running.delete(worker);
      idle.push(worker);
      if (task) {
        if (message.error) task.reject(new Error(message.error));
        else task.resolve(message.result);
      }
      dispatch();
    });
    worker.on('error', (error) => {
      running.get(worker)?.reject(error);
      running.delete(worker);
      all.splice(all.indexOf(worker), 1);
      if (!closed) {
        startWorker();
        dispatch();
      }
    });
    all.push(worker);
    idle.push(worker);
  };
  for (let i = 0; i < size; i++) startWorker();

  const run = <T>(op: 'hash' | 'verify', password: string, hash?: string) =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new Error('password hasher closed'));
      queue.push({ id: nextId++, op, password, hash, resolve: resolve as (v: unknown) => void, reject });
      dispatch();
    });

  let dummyHash: Promise<string> | null = null;
  return {
    hash: (password) => run<string>('hash', password),
    verify: (hash, password) => run<boolean>('verify', password, hash),
    async dummyVerify(password) {
      dummyHash ??= run<string>('hash', crypto.randomBytes(24).toString('base64'));
      await run<boolean>('verify', password, await dummyHash);
      return false;
    },
    stats: () => ({ queued: queue.length, running: running.size, workers: all.length }),
    async close() {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
