import crypto from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Job, JobRepo } from '../db/repos/jobs.js';

/** What a job handler gets while it runs one phase of a job. */
export interface JobContext {
  job: Job;
  /** Reports progress and renews the lease; throws JobLostError when another process took the job. */
  progress(done: number, total: number): Promise<void>;
  /** This process's lease name (for progress writes inside the handler's own transactions). */
  leaseOwner: string;
  leaseUntil(): number;
  /** True once the app is closing: stop at the next batch boundary (the job is taken up again later). */
  stopping(): boolean;
}

/** The phase outcome: wait for the owner, done, or failed with a Chinese message. */
export type JobOutcome = { status: 'waiting' | 'succeeded'; result: unknown } | { status: 'failed'; error: string; result?: unknown };

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome | 'stopped'>;

export class JobLostError extends Error {
  constructor() {
    super('job lease lost');
  }
}

const LEASE_MS = 60_000;

/**
 * Runs background jobs in this process, one at a time (imports are database-bound; one at a
 * time keeps the request path responsive). A job is claimed before it runs (jobs repo), its
 * lease renewed with each progress report; a job left 'running' by a dead process is claimed
 * again once its lease ran out and resumes from its checkpoint. See
 * docs/decisions/0011-background-jobs.md.
 */
export function createJobRunner(deps: { jobs: JobRepo; clock: Clock; handlers: Record<string, JobHandler>; log: { error(obj: unknown, msg: string): void }; pollMs?: number }) {
  const leaseOwner = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const kinds = Object.keys(deps.handlers);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closing = false;
  // Leases run on the wall clock: they coordinate processes, not the flows' (test) clock.
  const leaseUntil = () => Date.now() + LEASE_MS;

  async function runOne(job: Job) {
    const handler = deps.handlers[job.kind];
    const now = () => deps.clock.now().toISOString();
    const ctx: JobContext = {
      job,
      leaseOwner,
      leaseUntil,
      stopping: () => closing,
      async progress(done, total) {
        if (!(await deps.jobs.progress(job.id, leaseOwner, { done, total, leaseUntil: leaseUntil(), now: now() }))) throw new JobLostError();
      },
    };
    try {
      const outcome = await handler(ctx);
      if (outcome === 'stopped') {
        await deps.jobs.release(job.id, leaseOwner, now());
        return;
      }
      await deps.jobs.finish(job.id, leaseOwner, { ...outcome, now: now() });
    } catch (error) {
      if (error instanceof JobLostError) return;
      deps.log.error({ err: error, jobId: job.id }, 'job failed');
      await deps.jobs.finish(job.id, leaseOwner, { status: 'failed', error: '处理失败，请稍后重新导入', now: now() }).catch(() => undefined);
    }
  }

  async function drain() {
    do {
      again = false;
      for (;;) {
        if (closing) return;
        const job = await deps.jobs.claimNext(kinds, leaseOwner, Date.now(), leaseUntil(), deps.clock.now().toISOString());
        if (!job) break;
        await runOne(job);
      }
    } while (again && !closing);
  }

  function kick() {
    if (closing) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => deps.log.error({ err: error }, 'job runner failed'))
      .finally(() => {
        running = null;
      });
  }

  return {
    kick,
    start() {
      kick();
      timer = setInterval(kick, deps.pollMs ?? 5_000);
      timer.unref();
    },
    /** Stops claiming; the job in hand stops at its next batch boundary. */
    async stop() {
      closing = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
