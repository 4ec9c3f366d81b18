// The background queue of machine translation: in process, bounded, one job per
// (target, field, language) deduplicated while pending, one call at a time per provider,
// and jobs that share a language pair batched into one call.
import type { Logger } from "pino";
import type { MachineSegment, TranslationProvider } from "./providers/provider.js";

export interface MachineJob {
  /** workshop/kind/target/field/language: one pending job per key. */
  key: string;
  from: string;
  to: string;
  segment: MachineSegment;
  /** Characters of source text, for throughput figures. */
  chars: number;
  /** Stores the output; runs after the provider answered. */
  complete(output: string): Promise<void>;
}

export type EnqueueResult = "queued" | "pending" | "refused";

export interface QueueStats {
  pending: number;
  /** Refused because the queue was full. */
  refused: number;
  done: number;
  failed: number;
  batches: number;
  /** Source characters translated, and the time spent in provider calls. */
  chars: number;
  busyMs: number;
}

export class TranslationQueue {
  private readonly pending = new Map<string, MachineJob>();
  /** Keys of the batch with the provider now. */
  private readonly inFlight = new Set<string>();
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly waiters: (() => void)[] = [];
  readonly stats: QueueStats = { pending: 0, refused: 0, done: 0, failed: 0, batches: 0, chars: 0, busyMs: 0 };

  constructor(
    readonly provider: TranslationProvider,
    private readonly options: { max: number; logger: Logger; lingerMs?: number },
  ) {}

  /** Never waits: a full queue refuses the job (logged and counted) rather than slow down a write. */
  enqueue(job: MachineJob): EnqueueResult {
    if (this.closed) return "refused";
    const waiting = this.pending.get(job.key);
    if (waiting) {
      // Same key still waiting: it takes the newest source text, keeping its place.
      this.pending.set(job.key, job);
      return "pending";
    }
    if (this.pending.size >= this.options.max) {
      this.stats.refused++;
      this.options.logger.warn({ key: job.key, max: this.options.max, refused: this.stats.refused }, "machine translation queue full: job refused");
      return "refused";
    }
    this.pending.set(job.key, job);
    this.stats.pending = this.pending.size;
    this.running ??= this.drain();
    return "queued";
  }

  /** Waiting, or with the provider now: its translation is on its way. */
  isPending(key: string): boolean {
    return this.pending.has(key) || this.inFlight.has(key);
  }

  /** Resolves once nothing is pending or running. */
  idle(): Promise<void> {
    if (!this.running && !this.pending.size) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops what is pending and waits for the call in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    await this.running;
  }

  /** The next batch: the oldest job and every pending one with its language pair, within the provider's size. */
  private takeBatch(): MachineJob[] {
    const first = this.pending.values().next().value as MachineJob;
    const batch: MachineJob[] = [];
    let chars = 0;
    for (const job of this.pending.values()) {
      if (job.from !== first.from || job.to !== first.to) continue;
      if (batch.length && chars + job.segment.text.length > this.provider.maxBatchChars) break;
      batch.push(job);
      chars += job.segment.text.length;
    }
    for (const job of batch) {
      this.pending.delete(job.key);
      this.inFlight.add(job.key);
    }
    this.stats.pending = this.pending.size;
    return batch;
  }

  private async drain(): Promise<void> {
    // A call costs a process start: let the jobs of one request (written in the same tick or
    // the next few milliseconds) gather first, so they travel in one batch.
    await new Promise((resolve) => setTimeout(resolve, this.options.lingerMs ?? 10));
    while (this.pending.size && !this.closed) {
      const batch = this.takeBatch();
      const { from, to } = batch[0]!;
      const started = performance.now();
      let outputs: string[];
      try {
        outputs = await this.provider.translate(batch.map((j) => j.segment), from, to);
      } catch (err) {
        this.stats.failed += batch.length;
        this.options.logger.error({ err, from, to, jobs: batch.length }, "machine translation failed");
        for (const job of batch) this.inFlight.delete(job.key);
        continue;
      } finally {
        this.stats.busyMs += performance.now() - started;
      }
      this.stats.batches++;
      this.stats.chars += batch.reduce((sum, j) => sum + j.chars, 0);
      for (const [i, job] of batch.entries()) {
        if (this.closed) break;
        try {
          await job.complete(outputs[i]!);
          this.stats.done++;
        } catch (err) {
          this.stats.failed++;
          this.options.logger.error({ err, key: job.key }, "storing a machine translation failed");
        }
      }
      for (const job of batch) this.inFlight.delete(job.key);
    }
    this.running = null;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
