import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../index.js';
import type { Database, JobTable } from '../schema.js';

export type Job = JobTable;

/**
 * The jobs table. A job is run by the process that claimed it: `claimNext` moves one queued
 * job to 'running' with a lease in one conditional update, so two processes (or two ticks of
 * one) never both get it; PostgreSQL skips rows another claimer has locked (SKIP LOCKED).
 */
export function jobRepo(db: Db) {
  const k = db.kysely;
  return {
    async create(job: { kind: string; phase: string; ownerId: string; params: unknown; now: string; status?: JobTable['status'] }): Promise<Job> {
      const row: JobTable = {
        id: crypto.randomUUID(),
        kind: job.kind,
        phase: job.phase,
        status: job.status ?? 'queued',
        owner_id: job.ownerId,
        params: JSON.stringify(job.params),
        progress_done: 0,
        progress_total: 0,
        checkpoint: 0,
        result: null,
        error: null,
        lease_owner: null,
        lease_until: null,
        attempts: 0,
        created_at: job.now,
        started_at: null,
        finished_at: null,
        updated_at: job.now,
      };
      await k.insertInto('jobs').values(row).execute();
      return row;
    },

    byId: (id: string) => k.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst(),

    /** A job only its owner may see. */
    byIdOfOwner: (id: string, ownerId: string) => k.selectFrom('jobs').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst(),

    /**
     * Claims the oldest queued job of the given kinds (or one whose lease ran out: its process
     * died) for `leaseOwner` until `leaseUntil`. Null when there is none.
     */
    async claimNext(kinds: readonly string[], leaseOwner: string, nowMs: number, leaseUntil: number, now: string): Promise<Job | null> {
      if (kinds.length === 0) return null;
      const lock = db.dialect === 'postgres' ? sql` for update skip locked` : sql``;
      const candidate = sql<{ id: string }>`select id from jobs where kind in (${sql.join(kinds)}) and (status = 'queued' or (status = 'running' and lease_until < ${nowMs})) order by created_at limit 1${lock}`;
      const claimed = await k
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          lease_owner: leaseOwner,
          lease_until: leaseUntil,
          attempts: eb('attempts', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
          updated_at: now,
        }))
        .where('id', '=', sql<string>`(${candidate})`)
        .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowMs)])]))
        .returningAll()
        .executeTakeFirst();
      return claimed ?? null;
    },

    /** Progress (and the lease) of a job this process holds; false when it no longer holds it. */
    async progress(id: string, leaseOwner: string, fields: { done: number; total: number; checkpoint?: number; leaseUntil: number; now: string }, trx: Kysely<Database> = k): Promise<boolean> {
      const result = await trx
        .updateTable('jobs')
        .set({
          progress_done: fields.done,
          progress_total: fields.total,
          ...(fields.checkpoint !== undefined ? { checkpoint: fields.checkpoint } : {}),
          lease_until: fields.leaseUntil,
          updated_at: fields.now,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', leaseOwner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Ends the running phase: 'waiting' (for the owner), 'succeeded' or 'failed'. */
    async finish(id: string, leaseOwner: string, fields: { status: 'waiting' | 'succeeded' | 'failed'; result?: unknown; error?: string; now: string }): Promise<boolean> {
      const result = await k
        .updateTable('jobs')
        .set({
          status: fields.status,
          result: fields.result === undefined ? null : JSON.stringify(fields.result),
          error: fields.error ?? null,
          lease_owner: null,
          lease_until: null,
          finished_at: fields.status === 'waiting' ? null : fields.now,
          updated_at: fields.now,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', leaseOwner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Hands a running job back to the queue (the process is stopping); it resumes from its checkpoint. */
    async release(id: string, leaseOwner: string, now: string): Promise<void> {
      await k.updateTable('jobs').set({ status: 'queued', lease_owner: null, lease_until: null, updated_at: now }).where('id', '=', id).where('lease_owner', '=', leaseOwner).where('status', '=', 'running').execute();
    },

    /** The owner's go-ahead for the next phase of a waiting job (exactly one confirmation wins). */
    async advance(id: string, ownerId: string, fields: { fromPhase: string; toPhase: string; params: unknown; total: number; now: string }): Promise<boolean> {
      const result = await k
        .updateTable('jobs')
        .set({ phase: fields.toPhase, status: 'queued', params: JSON.stringify(fields.params), progress_done: 0, progress_total: fields.total, checkpoint: 0, updated_at: fields.now })
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .where('phase', '=', fields.fromPhase)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async cancel(id: string, ownerId: string, now: string): Promise<boolean> {
      const result = await k
        .updateTable('jobs')
        .set({ status: 'cancelled', finished_at: now, updated_at: now })
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type JobRepo = ReturnType<typeof jobRepo>;
