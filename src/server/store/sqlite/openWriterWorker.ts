import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  createOpenBatchWriter,
  describeFailure,
  type OpenWriterReply,
  type OpenWriterRequest,
  type OpenWriterSetup,
} from './openWrites';

// The open writer thread: one connection of its own that commits the batches the store posts, so
// SQLite's work for the pixel's writes runs beside the event loop instead of on it.
const port = parentPort;
if (port === null) {
  throw new Error('openWriterWorker runs only as a worker thread started by SqliteOpenWriter.');
}
const setup = workerData as OpenWriterSetup;
const db = new Database(setup.path);
for (const pragma of setup.pragmas) db.pragma(pragma);
const write = createOpenBatchWriter(db);

port.on('message', (request: OpenWriterRequest) => {
  let failure = null;
  try {
    if ('close' in request) db.close();
    else write(request.opens);
  } catch (error) {
    failure = describeFailure(error);
  }
  const reply: OpenWriterReply = { id: request.id, failure };
  port.postMessage(reply);
});
