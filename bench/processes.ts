/** Child processes of the bench: servers (like production: their own process) and autocannon. */
import fs from 'node:fs';
import net from 'node:net';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  name: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] --import tsx <script>` with PORT set and waits until `readyPath`
 * answers 200. Its output goes to this terminal (warnings and errors only at LOG_LEVEL=warn).
 */
export async function startServer(name: string, script: string, env: Record<string, string>, options: { nodeArgs?: string[]; readyPath: string }): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${origin}${options.readyPath}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer ${options.readyPath} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    origin,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      // SIGTERM: the server closes gracefully (and writes its --cpu-prof profile).
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  /** CPU time (user + system) the server spent per answered request, in µs (Linux only). */
  serverCpuMicrosPerRequest: number | null;
}

/** User + system CPU seconds of a process so far, from /proc (null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

/** autocannon in its own process, so the load generator does not share the server's event loop. */
export async function cannon(server: ServerProcess, path: string, seconds: number, connections: number, headers: Record<string, string> = {}): Promise<LoadFigures> {
  const url = `${server.origin}${path}`;
  const cpuBefore = cpuSeconds(server.child.pid);
  const args = ['node_modules/autocannon/autocannon.js', '-j', '-c', String(connections), '-d', String(seconds)];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 10 * 1024 * 1024 });
  const cpuAfter = cpuSeconds(server.child.pid);
  const result = JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p99: number }; errors: number; non2xx: number };
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    serverCpuMicrosPerRequest: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
  };
}
