// Worker thread of the password hashing pool: argon2id runs here, synchronously, so that it
// never occupies the libuv threadpool that the database driver and file I/O use.
import { parentPort } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

parentPort.on('message', ({ id, op, password, hash }) => {
  try {
    if (op === 'hash') parentPort.postMessage({ id, result: hashSync(password, OPTIONS) });
    else parentPort.postMessage({ id, result: verifySync(hash, password) });
  } catch (error) {
    // A malformed stored hash verifies as false; anything else is reported.
    if (op === 'verify') parentPort.postMessage({ id, result: false });
    else parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
