import type Database from 'better-sqlite3';
import { PERSON_OPEN_KINDS } from '../../core/openKinds';
import type { NewOpen } from '../trackingStore';
import * as sql from './queries';
import { OPEN_COUNT_COLUMNS } from './rows';

/** The setup the store hands a new writer thread. */
export interface OpenWriterSetup {
  path: string;
  /** PRAGMA assignments run in order on the writer's connection, the same as on the store's own. */
  pragmas: string[];
}

export type OpenWriterRequest = { id: number; opens: readonly NewOpen[] } | { id: number; close: true };

/** A driver error, reduced to what crosses the thread boundary and what the retry logic reads. */
export interface OpenWriterFailure {
  message: string;
  code: string | null;
}

export interface OpenWriterReply {
  id: number;
  failure: OpenWriterFailure | null;
}

/**
 * Returns a function that writes a batch of opens in one transaction on `db`: each open whose
 * message exists and was not stopped before it, and whose hit id is new, is inserted and added to
 * its message's counters. An open is inserted first and removed again when its message rejects
 * it, which is rare, so that the common open looks its message up once. An open of a kind without
 * a counter column is removed the same way.
 */
export function createOpenBatchWriter(db: Database.Database): (opens: readonly NewOpen[]) => void {
  const insert = db.prepare(sql.INSERT_OPEN);
  const removeRejected = db.prepare(sql.DELETE_REJECTED_OPEN);
  const counters = new Map(
    Object.entries(OPEN_COUNT_COLUMNS).map(([kind, column]) => [
      kind,
      db.prepare(sql.updateOpenCountersSql(column)),
    ]),
  );
  return db.transaction((opens: readonly NewOpen[]) => {
    for (const open of opens) {
      const at = open.at.getTime();
      const counted = open.counted ?? true;
      const inserted = insert.run({
        tenantId: open.tenantId,
        trackingId: open.trackingId,
        at,
        method: open.method,
        userAgent: open.userAgent,
        clientNetwork: open.clientNetwork,
        kind: open.kind,
        confidence: open.confidence,
        reasons: JSON.stringify(open.reasons),
        counted: counted ? 1 : 0,
        hitId: open.hitId ?? null,
      });
      if (inserted.changes !== 1) continue;
      const counter = counters.get(open.kind)?.run({
        trackingId: open.trackingId,
        tenantId: open.tenantId,
        at,
        increment: counted ? 1 : 0,
        isPerson: counted && PERSON_OPEN_KINDS.has(open.kind) ? 1 : 0,
      });
      if (counter?.changes !== 1) removeRejected.run(inserted.lastInsertRowid);
    }
  });
}

/** Reduces an error to a message and the driver's code, such as `SQLITE_BUSY`. */
export function describeFailure(error: unknown): OpenWriterFailure {
  if (typeof error === 'object' && error !== null) {
    const message =
      'message' in error && typeof error.message === 'string' ? error.message : 'The open writer failed.';
    const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
    return { message, code };
  }
  return { message: String(error), code: null };
}
