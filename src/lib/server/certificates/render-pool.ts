import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderReply } from './render-worker.ts';
import type { SigningKey } from './signing-key-material.ts';

/**
 * One worker thread that renders certificates beside the main thread during a cohort's run
 * (issue-cohort.ts; docs/decisions/019-certificates.md): on two cores the PDF and the signature of
 * one certificate are made while the main thread renders or writes another. It loads in about a
 * second, so a run starts on the main thread alone and the worker joins when ready; it ends after five
 * minutes without work, giving its memory back. Without the worker's source (or with
 * AULA_CERTIFICATE_WORKER=0) runs simply stay on the main thread.
 */

// Long enough for a coordinator to read the eligibility list before asking for the run.
const IDLE_MS = 5 * 60_000;
const WORKER_FILE = resolve('src/lib/server/certificates/render-worker.ts');

export interface RenderedFiles {
  pdf: Uint8Array;
  credential: Uint8Array;
}

export interface RenderWorker {
  /** Loaded, and with room for another job: one rendering and one waiting, so it never idles between them. */
  readonly free: boolean;
  render(job: Omit<RenderJob, 'id'>): Promise<RenderedFiles>;
  /** Settles once the worker has loaded (or failed to). */
  whenReady(): Promise<void>;
}

let current: { did: string; worker: PoolWorker } | null = null;

/** The render worker for this key, started if needed; null where workers are off or unavailable. */
export function renderWorkerFor(key: SigningKey): RenderWorker | null {
  if (process.env.AULA_CERTIFICATE_WORKER === '0' || !existsSync(WORKER_FILE)) return null;
  if (current && current.did === key.did && !current.worker.ended) return current.worker;
  current?.worker.end();
  current = { did: key.did, worker: new PoolWorker(key) };
  return current.worker;
}

class PoolWorker implements RenderWorker {
  ended = false;
  private ready = false;
  private busy = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (files: RenderedFiles) => void; reject: (error: Error) => void }>();
  private readonly thread: Worker;
  private idle: NodeJS.Timeout | null = null;
  private readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};

  constructor(key: SigningKey) {
    this.loaded = new Promise((resolve) => {
      this.markLoaded = resolve;
    });
    this.thread = new Worker(WORKER_FILE, { workerData: { key: key.stored } });
    this.thread.unref();
    this.thread.on('message', (message: RenderReply | 'ready') => {
      if (message === 'ready') {
        this.ready = true;
        this.markLoaded();
        this.armIdle();
        return;
      }
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      this.busy--;
      this.armIdle();
      if (!waiting) return;
      if ('error' in message) waiting.reject(new Error(`render worker: ${message.error}`));
      else waiting.resolve({ pdf: message.pdf, credential: message.credential });
    });
    const fail = (error: Error) => {
      this.ended = true;
      this.markLoaded();
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.thread.on('error', fail);
    this.thread.on('exit', () => fail(new Error('render worker exited')));
  }

  whenReady(): Promise<void> {
    return this.loaded;
  }

  get free(): boolean {
    return this.ready && !this.ended && this.busy < 2;
  }

  render(job: Omit<RenderJob, 'id'>): Promise<RenderedFiles> {
    if (this.ended) return Promise.reject(new Error('render worker ended'));
    const id = this.nextId++;
    this.busy++;
    if (this.idle) clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread.postMessage({ ...job, id } satisfies RenderJob);
    });
  }

  end(): void {
    this.ended = true;
    void this.thread.terminate();
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    if (this.busy > 0) return;
    this.idle = setTimeout(() => {
      if (current?.worker === this) current = null;
      this.end();
    }, IDLE_MS);
    this.idle.unref();
  }
}
