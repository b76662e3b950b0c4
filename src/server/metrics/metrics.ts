import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** What the metrics read at scrape time from the rest of the process (all optional). */
export interface MetricsSources {
  /** The database connection pool (PostgreSQL); SQLite has none. */
  pool?: () => { total: number; idle: number; waiting: number; max: number } | null;
  /** The argon2 worker pool (security/password-hasher.ts). */
  hasher?: () => { queued: number; running: number; workers: number } | null;
  dialect?: string;
  multiProcess?: boolean;
}

/**
 * Prometheus metrics of one app (prom-client). The app's own metrics live in a registry of
 * their own, so that every app a test builds starts at zero; the process metrics (event-loop
 * delay, memory, GC, handles) are one registry per process, because they describe the process
 * and prom-client's event-loop monitor cannot be stopped once started.
 *
 * Jobs report through `jobProgress` / `jobItems` / `jobRuns`:
 *   deps.metrics.jobProgress.set({ kind: 'rescore' }, done / total)
 *   deps.metrics.jobItems.inc({ kind: 'rescore' }, batch.length)
 *   deps.metrics.jobRuns.inc({ kind: 'rescore', outcome: 'ok' })
 * `kind` is a short fixed name per job (never an id or anything a user typed).
 */
export function createMetrics(sources: MetricsSources = {}) {
  const registry = new Registry();
  // Started with the first app, so the event-loop figures cover the time before the first scrape.
  processRegistry();

  const http = createRequestHistogram();

  const jobProgress = new Gauge({
    name: 'job_progress_ratio',
    help: 'Progress of the running background job of a kind, 0 to 1 (1 when done).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const jobItems = new Counter({
    name: 'job_items_processed_total',
    help: 'Items (rows, enterprises) processed by background jobs of a kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Finished background job runs of a kind, by outcome (ok or failed).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });

  new Gauge({
    name: 'argon2_queue_length',
    help: 'Password hashes and checks waiting for an argon2 worker thread.',
    registers: [registry],
    collect() {
      const stats = sources.hasher?.();
      if (stats) this.set(stats.queued);
    },
  });
  new Gauge({
    name: 'argon2_workers',
    help: 'argon2 worker threads, by state (busy or idle).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = sources.hasher?.();
      if (!stats) return;
      this.set({ state: 'busy' }, stats.running);
      this.set({ state: 'idle' }, stats.workers - stats.running);
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections (PostgreSQL): total, idle, waiting (clients queued for one) and max.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = sources.pool?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  new Gauge({
    name: 'app_info',
    help: 'Always 1; the labels tell the database dialect, whether state is shared through Redis, and the Node.js version.',
    labelNames: ['dialect', 'multi_process', 'node_version'] as const,
    registers: [registry],
    collect() {
      this.set({ dialect: sources.dialect ?? 'unknown', multi_process: String(Boolean(sources.multiProcess)), node_version: process.versions.node }, 1);
    },
  });

  return {
    jobProgress,
    jobItems,
    jobRuns,
    /** Called once per answered request (metrics/routes.ts); `route` is the pattern, never the URL. */
    observeRequest: http.observe,
    /** The text exposition format: this app's metrics and the process metrics. */
    async render(): Promise<{ contentType: string; body: string }> {
      const [own, processWide] = await Promise.all([registry.metrics(), processRegistry().metrics()]);
      return { contentType: registry.contentType, body: `${http.render()}\n${own}\n${processWide}` };
    },
    registry,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

let processMetrics: Registry | null = null;
/** Event-loop delay (nodejs_eventloop_lag_*), CPU, memory, GC, handles: once per process. */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, eventLoopMonitoringPrecision: 20 });
  }
  return processMetrics;
}

const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RequestSeries {
  method: string;
  statusCode: number;
  /** Answers per bucket (not cumulative; the last one is above the largest bound). */
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * `http_request_duration_seconds`, kept here rather than in a prom-client Histogram: its
 * observe() validates and hashes the labels and looks the bucket up by a number-to-string
 * conversion on every call (several µs per request in our measurements, more than the rest of a
 * health probe). Here a request costs two map lookups, a short scan of the bounds and three
 * additions; the text is written only when scraped.
 */
function createRequestHistogram() {
  const byRoute = new Map<string, Map<number, RequestSeries>>();
  const methodCode = (method: string) => {
    const i = METHODS.indexOf(method);
    return i === -1 ? METHODS.length : i;
  };

  return {
    observe(method: string, route: string, statusCode: number, seconds: number) {
      let series = byRoute.get(route);
      if (!series) {
        series = new Map();
        byRoute.set(route, series);
      }
      const key = statusCode * 16 + methodCode(method);
      let entry = series.get(key);
      if (!entry) {
        entry = { method: METHODS[methodCode(method)] ?? 'OTHER', statusCode, counts: new Float64Array(HTTP_BUCKETS.length + 1), sum: 0, count: 0 };
        series.set(key, entry);
      }
      let bucket = 0;
      while (bucket < HTTP_BUCKETS.length && seconds > HTTP_BUCKETS[bucket]) bucket++;
      entry.counts[bucket]++;
      entry.sum += seconds;
      entry.count++;
    },

    render(): string {
      const name = 'http_request_duration_seconds';
      const lines = [
        `# HELP ${name} Time to answer, per route pattern (not URL), method and status code.`,
        `# TYPE ${name} histogram`,
      ];
      for (const [route, series] of byRoute) {
        for (const entry of series.values()) {
          const labels = `method="${escapeLabel(entry.method)}",route="${escapeLabel(route)}",status_code="${entry.statusCode}"`;
          let cumulative = 0;
          for (let i = 0; i < HTTP_BUCKETS.length; i++) {
            cumulative += entry.counts[i];
            lines.push(`${name}_bucket{le="${HTTP_BUCKETS[i]}",${labels}} ${cumulative}`);
          }
          lines.push(`${name}_bucket{le="+Inf",${labels}} ${entry.count}`);
          lines.push(`${name}_sum{${labels}} ${entry.sum}`);
          lines.push(`${name}_count{${labels}} ${entry.count}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Label values in the text format: backslash, double quote and newline escaped. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
