// `npm test`: lint, type checks, the suite on SQLite, the same suite on PostgreSQL, then the
// browser end-to-end tests. Every stage must pass; nothing is skipped silently.
import { spawnSync } from 'node:child_process';

const stages = [
  ['lint', 'npx eslint .'],
  ['typecheck (server)', 'npx tsc --noEmit -p tsconfig.json'],
  ['typecheck (web)', 'npx tsc --noEmit -p tsconfig.web.json'],
  ['unit + integration on SQLite', 'npx vitest run --project unit', { TEST_DB: 'sqlite' }],
  ['unit + integration on PostgreSQL', 'npx vitest run --project unit', { TEST_DB: 'postgres' }],
  ['browser end-to-end (Chromium)', 'npx vite build && npx vitest run --project e2e'],
];

const results = [];
for (const [name, command, env] of stages) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command}`);
  const run = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: run.status === 0, seconds });
  console.log(`=== ${name}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds}s`);
  if (run.status !== 0) break;
}
console.log('\nSummary:');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
if (failed || results.length !== stages.length) process.exit(1);
