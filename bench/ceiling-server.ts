/**
 * The ceiling: a bare Express 5 app with the mock's Express settings, answering each scenario with
 * bytes precomputed from the mock's own seeded data. Whatever the mock does per request (auth,
 * validation, store, serialization) shows up as the gap between it and this.
 * Run as a child: `node --import tsx bench/ceiling-server.ts <bodies.json>`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CeilingBodies } from './fixtures.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ceiling-server.ts <bodies.json>');
const bodies = JSON.parse(readFileSync(file, 'utf8')) as CeilingBodies;

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
// res.send of a string sets the same headers res.json would; the JSON text itself is precomputed.
app.get('/accounts', (req, res) => {
  res.type('application/json').send(req.query.nextToken === undefined ? bodies.firstPage : bodies.deepPage);
});
app.get('/accounts/:account_id', (_req, res) => {
  res.type('application/json').send(bodies.oneAccount);
});
// The body is still parsed, as the mock must, so the POST ceiling keeps Express's JSON cost.
app.post('/accounts', express.json({ limit: 100 * 1024 }), (_req, res) => {
  res.status(201).type('application/json').send(bodies.oneAccount);
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`ceiling listening on http://127.0.0.1:${port}`);
});
// Exiting (not dying of the signal) lets --cpu-prof write its profile.
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
