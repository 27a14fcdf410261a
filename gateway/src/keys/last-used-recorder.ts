// Remembers when each key was last used and writes it in batches, so a request never waits on a store write.
import type { Logger } from '@retail-hub/platform';
import type { ApiKeyRepository } from './api-key.repository.js';

export interface LastUsedRecorderOptions {
  /** How often pending times are written. @default 5000 */
  flushIntervalMs?: number;
  logger: Logger;
}

export class LastUsedRecorder {
  private pending = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly keys: ApiKeyRepository, private readonly options: LastUsedRecorderOptions) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 5000);
    this.timer.unref();
  }

  record(keyId: string, at: Date): void {
    this.pending.set(keyId, at.toISOString());
  }

  /** Writes what is pending; flushes run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.keys.touch(batch);
      } catch (err) {
        // Last-used is informational: a failed write is logged and retried with the next batch.
        for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
        this.options.logger.warn({ err }, 'could not record API key last use');
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
