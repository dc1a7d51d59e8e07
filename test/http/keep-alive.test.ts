/**
 * An idle keep-alive connection outlives common client and proxy idle timeouts: a server that
 * closes first races a client that reuses the connection at that moment (ECONNRESET on a POST).
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { pause, useTestHub, waitFor } from '../helpers/index.js';

describe('HTTP keep-alive', () => {
  const hub = useTestHub();

  it('keeps an idle connection open past 6 s (Node used to close at 5 s) and serves the next request on it', async () => {
    const socket = net.connect(hub.httpPort, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    let received = '';
    let closedAt: number | undefined;
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('close', () => (closedAt = Date.now()));
    const ask = () => socket.write('GET /api/livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    ask();
    const answered = (n: number) => (received.match(/HTTP\/1\.1 200/g) ?? []).length >= n;
    await waitFor(() => answered(1), { what: 'the first answer' });
    expect(received).toMatch(/keep-alive: timeout=65/i);
    await pause(6_500); // idle past Node's old 5 s keep-alive
    expect(closedAt).toBeUndefined();
    ask();
    await waitFor(() => answered(2), { what: 'the second answer on the same connection' });
    socket.destroy();
  }, 20_000);
});
