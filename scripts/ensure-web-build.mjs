// `npm start` builds the browser apps when dist/web is missing or older than their sources.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const marker = path.resolve('dist/web/platform/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['src/web', 'src/shared', 'vite.config.ts'].filter((p) => fs.existsSync(p));
const sourceTime = Math.max(...sources.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));
if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < sourceTime) {
  console.log('正在构建前端页面（vite build）…');
  execSync('npx vite build', { stdio: 'inherit' });
}
