/**
 * Native uWS publish per hub (server/realtime/uws-adapter.ts): a single-room broadcast reaches the
 * room's sockets without a per-socket engine.io send, two hubs in one process publish each into
 * their own uWS app (no process-wide patch), a ws-engine hub beside them still works, and a socket
 * that stops reading natively published messages is closed instead of silently skipped.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import WebSocket from 'ws';
import { loadConfig } from '../../server/config.js';
import { createRealtimeEngine, type RealtimeEngine } from '../../server/realtime/engine.js';
import type { HubSocket } from '../../server/realtime/types.js';
import { waitFor } from '../helpers/wait-for.js';

const maxBufferedBytes = 64 * 1024;

interface BareHub {
  readonly realtime: RealtimeEngine;
  readonly port: number;
  readonly sockets: HubSocket[];
  close(): Promise<void>;
}

async function startBareHub(engine: 'uws' | 'ws'): Promise<BareHub> {
  const config = loadConfig({
    PORT: '0',
    WS_PORT: '0',
    HOST: '127.0.0.1',
    REALTIME_ENGINE: engine,
    SOCKET_MAX_BUFFER_BYTES: String(maxBufferedBytes),
    SECRET: 'test-secret-0123456789abcdef',
  });
  const httpServer = http.createServer();
  const realtime = createRealtimeEngine(config, httpServer, () => true);
  const sockets: HubSocket[] = [];
  realtime.io.on('connection', (socket) => {
    sockets.push(socket);
  });
  const httpPort = await new Promise<number>((resolve) =>
    httpServer.listen(0, '127.0.0.1', () => resolve((httpServer.address() as { port: number }).port)),
  );
  const port = engine === 'ws' ? httpPort : await realtime.listen();
  return {
    realtime,
    port,
    sockets,
    async close() {
      realtime.stopAccepting();
      await new Promise<void>((resolve) => {
        void realtime.io.close(() => resolve());
      });
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** A client on `hub`, and the server side of its socket once it is connected. */
async function client(hub: BareHub): Promise<{ client: ClientSocket; server: HubSocket }> {
  const before = hub.sockets.length;
  const c = connect(`http://127.0.0.1:${hub.port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('connect_error', reject);
  });
  while (hub.sockets.length === before) await new Promise((r) => setImmediate(r));
  return { client: c, server: hub.sockets.at(-1)! };
}

const next = (c: ClientSocket, event: string) => new Promise<unknown>((resolve) => c.once(event, resolve));

/** Counts engine.io packets created for a socket: a native publish creates none. */
function engineSends(socket: HubSocket): () => number {
  let n = 0;
  (socket.conn as unknown as { on(e: 'packetCreate', l: (p: { type: string }) => void): void }).on('packetCreate', (p) => {
    if (p.type === 'message') n += 1;
  });
  return () => n;
}

describe('native publish on uws', () => {
  const hubs: BareHub[] = [];
  const clients: ClientSocket[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await Promise.all(hubs.splice(0).map((h) => h.close()));
  });

  it('two hubs in one process each publish a room broadcast to their own sockets only, without an engine.io send; a ws hub beside them works', async () => {
    const [a, b, w] = await Promise.all([startBareHub('uws'), startBareHub('uws'), startBareHub('ws')]);
    hubs.push(a, b, w);
    const onA = await client(a);
    const onB = await client(b);
    const onW = await client(w);
    clients.push(onA.client, onB.client, onW.client);
    for (const s of [onA.server, onB.server, onW.server]) await s.join('room');
    const sendsOnA = engineSends(onA.server);

    const gotA = next(onA.client, 'feed:remove');
    const gotW = next(onW.client, 'feed:remove');
    let bGot: unknown;
    onB.client.on('feed:remove', (p) => (bGot = p));
    a.realtime.io.to('room').emit('feed:remove', { postId: 'from-a' });
    w.realtime.io.to('room').emit('feed:remove', { postId: 'from-w' });
    expect(await gotA).toEqual({ postId: 'from-a' });
    expect(await gotW).toEqual({ postId: 'from-w' });
    expect(sendsOnA(), 'engine.io packets for a natively published broadcast').toBe(0);

    const gotB = next(onB.client, 'feed:remove');
    b.realtime.io.to('room').emit('feed:remove', { postId: 'from-b' });
    expect(await gotB).toEqual({ postId: 'from-b' });
    // Hub A's broadcast never reached hub B's socket: B's first message was its own hub's.
    expect(bGot).toEqual({ postId: 'from-b' });

    // Leaving a room unsubscribes: the next broadcast to it reaches nobody on A.
    await onA.server.leave('room');
    let late: unknown;
    onA.client.on('feed:remove', (p) => (late = p));
    a.realtime.io.to('room').emit('feed:remove', { postId: 'after-leave' });
    await onA.server.join('fence');
    const fence = next(onA.client, 'feed:remove');
    a.realtime.io.to('fence').emit('feed:remove', { postId: 'fence' });
    expect(await fence).toEqual({ postId: 'fence' });
    expect(late).toEqual({ postId: 'fence' });

    // A socket's own room (its id) is not a uWS topic; a broadcast to it still arrives, once.
    const byId = next(onA.client, 'feed:remove');
    a.realtime.io.to(onA.server.id).emit('feed:remove', { postId: 'by-id' });
    expect(await byId).toEqual({ postId: 'by-id' });
  });

  it('closes a socket that stops reading native publishes (it reconnects and catches up) while a reader gets every message', async () => {
    const hub = await startBareHub('uws');
    hubs.push(hub);
    // A raw client whose TCP reading can be paused.
    const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/socket.io/?EIO=4&transport=websocket`);
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data) => {
        const text = (data as Buffer).toString(); // ws's default binaryType ('nodebuffer') hands a Buffer
        if (text.startsWith('0')) ws.send('40');
        else if (text.startsWith('40')) resolve();
        else if (text === '2') ws.send('3');
      });
    });
    while (hub.sockets.length === 0) await new Promise((r) => setImmediate(r));
    const stalled = hub.sockets[0]!;
    const reader = await client(hub);
    clients.push(reader.client);
    await stalled.join('room');
    await reader.server.join('room');
    let readerGot = 0;
    reader.client.on('feed:remove', () => (readerGot += 1));
    const closed = new Promise<string>((resolve) => stalled.once('disconnect', (reason) => resolve(reason)));
    ws.pause();

    const chunk = 'x'.repeat(16 * 1024);
    let sent = 0;
    while (stalled.connected && sent < 4000) {
      hub.realtime.io.to('room').emit('feed:remove', { postId: chunk });
      sent += 1;
      if (sent % 4 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(await closed).toBe('transport close');
    // Closed once its backlog passed maxBackpressure, not after the loop ran out.
    expect(sent).toBeLessThan(4000);
    await waitFor(() => readerGot >= sent, { what: 'the reader to get every message' });
    expect(readerGot).toBe(sent);
    ws.terminate();
  });
});
