/**
 * Where the time of a `node --cpu-prof` profile goes: self time by function and by package,
 * and total (inclusive) time of our own functions. Usage:
 *   BENCH_CPU_PROF_DIR=.tmp/prof BENCH_ONLY=requests npm run bench
 *   npx tsx bench/profile-summary.ts .tmp/prof/app-sqlite.cpuprofile [rows]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile-summary.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

const where = (node: ProfileNode) => {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
  return `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
};
const packageOf = (node: ProfileNode) => {
  const url = node.callFrame.url;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/src/')) return 'src (ours)';
  if (url.startsWith('node:') || url === '') return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : 'node internals';
  return url;
};

const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (const [id, time] of selfTime) {
  const node = byId.get(id)!;
  add(byFunction, where(node), time);
  add(byPackage, packageOf(node), time);
}

// Inclusive time of functions in src/: the sum of the self time of every sample under them
// (a function counted once per stack, even when it recurses).
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, time] of selfTime) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at)!;
    if (!node.callFrame.url.includes('/src/') && !node.callFrame.url.includes('node_modules/fastify/') && !node.callFrame.url.includes('node_modules/@fastify/')) continue;
    const key = where(node);
    if (seen.has(key)) continue;
    seen.add(key);
    add(inclusive, key, time);
  }
}

// Self time of node internals (syscalls, crypto, streams) charged to the nearest caller that
// is ours or a package's: "writev" under pg is the database socket, under fastify the answer.
const byCaller = new Map<string, number>();
for (const [id, time] of selfTime) {
  let at: number | undefined = id;
  while (at !== undefined && !/node_modules|\/src\//.test(byId.get(at)!.callFrame.url)) at = parent.get(at);
  const leaf = byId.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') continue;
  add(byCaller, at === undefined ? `(no package) ${where(leaf)}` : `${packageOf(byId.get(at)!)}: ${where(byId.get(at)!)}`, time);
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
print('self time by package', byPackage);
print('self time by function', byFunction);
print('inclusive time of src/ and fastify functions', inclusive);
print('self time charged to the nearest package or src/ frame', byCaller);
