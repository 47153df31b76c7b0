'use strict';
// Baseline for the pixel benchmark: Express sending a GIF after one SQLite INSERT per request
// (WAL, synchronous=FULL, one transaction per request), the common hand-written tracker.
// Usage: node bench/express-one-insert.js <port> <database file>
const { Buffer } = require('node:buffer');
const express = require('express');
const Database = require('better-sqlite3');

const [port, databasePath] = process.argv.slice(2);
const db = new Database(databasePath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS opens (tracking_id TEXT NOT NULL, at INTEGER NOT NULL, user_agent TEXT)');
const insert = db.prepare('INSERT INTO opens (tracking_id, at, user_agent) VALUES (?, ?, ?)');
const gif = Buffer.from(
  '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.get('/o/:file', (request, response) => {
  insert.run(request.params.file.slice(0, 22), Date.now(), request.get('user-agent') ?? null);
  response.set({
    'content-type': 'image/gif',
    'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
  });
  response.end(gif);
});
app.listen(Number(port), '127.0.0.1', () => {
  process.send?.('listening');
});
process.on('SIGTERM', () => {
  db.close();
  process.exit(0);
});
