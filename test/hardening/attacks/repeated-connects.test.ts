/**
 * Attack: one raw engine.io connection sends several Socket.IO CONNECT packets, so one engine.io connection
 * carries several sockets of one account. Before the fix the account's places (SOCKETS_PER_USER)
 * were kept per connection: closing it released one place, and the others leaked until a restart,
 * so the owner could no longer connect. Now every socket releases its own place exactly once.
 */
import { describe, expect, it } from 'vitest';
import { closeAllSockets, connectSocket, engines, registerUser, useTestHub, waitFor, type TestSocket } from '../../helpers/index.js';

const cap = 4;

/**
 * Opens a raw engine.io connection on long-polling and sends `connects` CONNECT packets to "/" in one
 * request body, so that the server decodes them all at once (on a WebSocket, a CONNECT that arrives
 * after the first socket connected closes the connection instead); resolves with the socket.io
 * answers and a way to close the connection.
 */
async function connectMany(
  realtimeUrl: string,
  token: string,
  connects: number,
): Promise<{ answers: string[]; close: () => Promise<void> }> {
  const base = `${realtimeUrl}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(base)).text();
  const { sid } = JSON.parse(open.slice(1)) as { sid: string };
  const url = `${base}&sid=${encodeURIComponent(sid)}`;
  const body = Array.from({ length: connects }, () => `40${JSON.stringify({ token })}`).join('\x1e');
  expect((await fetch(url, { method: 'POST', body })).status).toBe(200);
  const answers: string[] = [];
  while (answers.length < connects) {
    const packets = (await (await fetch(url)).text()).split('\x1e');
    answers.push(...packets.filter((p) => p.startsWith('40') || p.startsWith('44')));
  }
  return { answers, close: async () => void (await fetch(url, { method: 'POST', body: '1' })) };
}

/** Opens `n` sockets at once; resolves with them if all connected, else closes them and resolves null. */
async function openAll(realtimeUrl: string, token: string, n: number): Promise<TestSocket[] | null> {
  const settled = await Promise.allSettled(Array.from({ length: n }, () => connectSocket({ realtimeUrl }, token)));
  const sockets = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (sockets.length === n) return sockets;
  for (const s of sockets) s.close();
  return null;
}

describe.each(engines)('repeated CONNECT packets on one connection (%s)', (engine) => {
  const hub = useTestHub({ engine, env: { SOCKETS_PER_USER: String(cap) } });

  it('every socket opened on one raw connection gives its place back when the connection closes', async () => {
    const attacker = await registerUser(hub, 'multi');
    for (let round = 0; round < 3; round += 1) {
      const { answers, close } = await connectMany(hub.realtimeUrl, attacker.token, cap + 2);
      // The cap holds on one connection too: 4 sockets, then `too_many_sockets`.
      expect(answers.filter((a) => a.startsWith('40{"sid"'))).toHaveLength(cap);
      expect(answers.filter((a) => a.includes('too_many_sockets'))).toHaveLength(2);
      await close();
    }
    // All places are free again: the owner opens the full number of sockets (the server learns of
    // the close a moment after the client: retry until it has).
    const sockets = await waitFor(() => openAll(hub.realtimeUrl, attacker.token, cap), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: `${cap} sockets of the account accepted again`,
    });
    expect(sockets.every((s) => s.connected)).toBe(true);
    closeAllSockets();
  });
});
