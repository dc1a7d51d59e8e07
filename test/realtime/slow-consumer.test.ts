/**
 * A client that stops reading must be cut off (and its buffers freed) instead of making the server
 * queue without bound (ws) or silently drop (uWS past maxBackpressure).
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../server/config.js';
import { createRealtimeEngine } from '../../server/realtime/engine.js';
import type { HubSocket } from '../../server/realtime/types.js';
import { engines } from '../helpers/index.js';

const maxBufferedBytes = 64 * 1024;

async function startBareEngine(engine: 'uws' | 'ws') {
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
  const httpPort = await new Promise<number>((resolve) =>
    httpServer.listen(0, '127.0.0.1', () => resolve((httpServer.address() as { port: number }).port)),
  );
  const port = engine === 'ws' ? httpPort : await realtime.listen();
  return { realtime, httpServer, port };
}

/** A raw engine.io/socket.io v4 client over `ws`, so the test can stop reading its TCP socket. */
function rawClient(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = (data as Buffer).toString(); // ws's default binaryType ('nodebuffer') hands a Buffer
      if (text.startsWith('0'))
        ws.send('40'); // engine.io open → socket.io connect to "/"
      else if (text.startsWith('40')) resolve(ws);
      else if (text === '2') ws.send('3'); // ping → pong
    });
  });
}

describe.each(engines)('slow consumers on %s', (engine) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('a socket that stops reading is cut off and its buffers are freed; a reading one is not', async () => {
    const { realtime, httpServer, port } = await startBareEngine(engine);
    const { io } = realtime;
    const connected: HubSocket[] = [];
    io.on('connection', (socket) => {
      connected.push(socket);
    });
    cleanup = async () => {
      realtime.stopAccepting();
      await io.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    };

    const stalled = await rawClient(port);
    const reader = await rawClient(port);
    let readerGot = 0;
    reader.on('message', () => (readerGot += 1));
    expect(connected).toHaveLength(2);
    const [stalledSocket, readerSocket] = connected as [HubSocket, HubSocket];
    const disconnected = new Promise<string>((resolve) => stalledSocket.once('disconnect', (reason) => resolve(reason)));
    const rawServerSide = (stalledSocket.conn.transport as unknown as { socket: unknown }).socket;

    // The stalled client's TCP socket stops reading: the kernel buffers fill, then ours would.
    // ws.pause(), not its TCP socket's pause(): ws resumes a paused TCP socket whenever its receiver drains.
    stalled.pause();

    const chunk = 'x'.repeat(16 * 1024);
    let sent = 0;
    // The server says why before it cuts the connection (the stalled client cannot read it, a slow one can).
    let noticeAfter = -1;
    stalledSocket.conn.on('packetCreate', (packet: { data?: unknown }) => {
      if (noticeAfter < 0 && String(packet.data).includes('slow_consumer')) noticeAfter = sent;
    });
    // Cut off = told why and dropped from every room at once; the connection itself is destroyed
    // after a short grace (so a slow-but-reading client can read the notice), awaited below.
    while (noticeAfter < 0 && stalledSocket.connected && sent < 8000) {
      for (let i = 0; i < 2; i++) {
        io.emit('feed:remove', { postId: chunk }); // to every socket: the reader keeps up
        sent += 1;
      }
      await new Promise((r) => setImmediate(r));
    }
    // Cut off well before uWS's limit (4×) would drop anything, and well before the loop ran out.
    expect(sent).toBeLessThan(8000);
    expect(noticeAfter).toBeGreaterThan(0);
    expect(await disconnected).toMatch(/transport|forced/);
    expect(io.of('/').sockets.has(stalledSocket.id)).toBe(false);
    expect(readerSocket.connected).toBe(true);
    await new Promise<void>((resolve) => {
      const check = () => (io.engine.clientsCount === 1 ? resolve() : setTimeout(check, 20));
      check();
    });
    if (engine === 'ws') {
      // The server's side of the TCP connection is destroyed, so what it buffered is released.
      const tcp = (rawServerSide as { _socket: { destroyed: boolean } | null })._socket;
      expect(tcp === null || tcp.destroyed).toBe(true);
    }
    expect(readerGot).toBeGreaterThan(0);
    stalled.terminate();
    reader.close();
  });
});
