import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewOpen } from '../trackingStore';
import {
  describeFailure,
  type OpenWriterReply,
  type OpenWriterRequest,
  type OpenWriterSetup,
} from './openWrites';

/** The error code of writes cut off because the writer thread stopped; the next write starts a new one. */
export const WRITER_EXITED = 'STORE_WRITER_EXITED';

interface Waiting {
  /** The thread the write was sent to. */
  worker: Worker;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Runs the store's open writes on a worker thread with its own connection to the same file. A
 * commit then no longer stops the event loop: requests are parsed and served while SQLite writes.
 * WAL mode lets the store's connection read meanwhile. A write resolves once its batch committed,
 * and rejects with the driver's error code, so the open recorder can distinguish a busy database
 * from a failure as before.
 */
export class SqliteOpenWriter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly setup: OpenWriterSetup) {}

  write(opens: readonly NewOpen[]): Promise<void> {
    return this.send({ id: this.nextId++, opens });
  }

  /** Waits for the writes already sent, then closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    // The thread handles messages in order, so the close comes after every write sent before it.
    try {
      await this.send({ id: this.nextId++, close: true });
    } finally {
      this.worker = null;
      await worker.terminate();
    }
  }

  private send(request: OpenWriterRequest): Promise<void> {
    const worker = this.worker ?? this.start();
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(request.id, { worker, resolve, reject });
      // Held only while a reply is due, so an idle writer never keeps the process running.
      worker.ref();
      worker.postMessage(request);
    });
  }

  private start(): Worker {
    const worker = startWorkerThread(this.setup);
    worker.on('message', (reply: OpenWriterReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (waiting === undefined) return;
      if (reply.failure === null) waiting.resolve();
      else waiting.reject(Object.assign(new Error(reply.failure.message), { code: reply.failure.code }));
    });
    // A driver error crosses the thread boundary as its code alone, without its message.
    worker.on('error', (error: unknown) => {
      const { message, code } = describeFailure(error);
      this.stopped(worker, `The open writer thread failed: ${code ?? message}.`);
    });
    worker.on('exit', (code) => this.stopped(worker, `The open writer thread exited with code ${code}.`));
    this.worker = worker;
    return worker;
  }

  /** Fails every write still waiting for `worker`; the next write starts a new thread. */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, entry] of this.waiting) {
      if (entry.worker !== worker) continue;
      this.waiting.delete(id);
      entry.reject(
        Object.assign(new Error(`${reason} The next write starts a new writer thread.`), {
          code: WRITER_EXITED,
        }),
      );
    }
  }
}

/**
 * Starts the compiled worker next to this file. Under the test runner only the TypeScript source
 * exists, so the thread first teaches `require` to transpile `.ts` files with the TypeScript
 * compiler, a development dependency that a production install does not need.
 */
function startWorkerThread(setup: OpenWriterSetup): Worker {
  const compiled = join(__dirname, 'openWriterWorker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: setup });
  const source = join(__dirname, 'openWriterWorker.ts');
  const bootstrap = `
    const ts = require('typescript');
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const output = ts.transpileModule(readFileSync(filename, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: filename,
      });
      module._compile(output.outputText, filename);
    };
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}
