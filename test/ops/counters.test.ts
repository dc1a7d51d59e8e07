/**
 * The operator's counters, read from /metrics as Prometheus reads them: sockets cut off as slow
 * consumers and refusals by the rate limit whose budget ran out (a named rule, the per-user socket
 * events budget, the per-address handshake budget). Dropped log lines need a process whose stdout
 * stops being read: test/process/log-pipe.test.ts counts those.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, makeFriends, nextEvent, registerUser, useTestHub, type TestSocket } from '../helpers/index.js';

const maxBufferedBytes = 1500;
const handshakesPerMinute = 40;

/** The value of one sample of `/metrics` (0 when the series has no sample yet, as Prometheus would read a fresh counter). */
async function sample(hubUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${hubUrl}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('operator counters', () => {
  const hub = useTestHub({
    env: {
      // Budgets as in production (test hubs multiply them by 50), a small socket buffer, a small handshake budget.
      RATE_LIMIT_SCALE: '1',
      SOCKET_MAX_BUFFER_BYTES: String(maxBufferedBytes),
      SOCKET_HANDSHAKES_PER_ADDRESS: String(handshakesPerMinute),
    },
  });

  it('a socket with more than SOCKET_MAX_BUFFER_BYTES waiting is told slow_consumer, cut off, and counted', async () => {
    const [mei, lan] = await Promise.all([registerUser(hub, 'mei'), registerUser(hub, 'lan')]);
    await makeFriends(mei, lan);
    // A 2000-character message: lan's catch-up answer carrying it is more than the socket may have waiting.
    const sent = await mei.api.post(`/conversations/${lan.handle}/messages`, { text: '长'.repeat(2000), clientId: randomUUID() });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const before = await sample(hub.url, 'kj_slow_consumer_cuts_total');

    const socket = await connectSocket(hub, lan.token);
    const notice = nextEvent(socket, 'server:notice', (n) => n.code === 'slow_consumer');
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    void emitAck(socket, 'chat:sync', { after: 0 }).catch(() => undefined);
    expect((await notice).message).toContain('reconnect and sync');
    expect(await gone).toMatch(/transport/);
    expect(await sample(hub.url, 'kj_slow_consumer_cuts_total')).toBe(before + 1);
  });

  it('a refused REST request is counted under the limit whose budget ran out', async () => {
    const zhu = await registerUser(hub, 'zhu');
    const missing = '0123456789abcdef01234567';
    // chat-recall: 30 a minute. The first 30 reach the handler (no such message), the 31st is refused.
    for (let i = 0; i < 30; i++) expect((await zhu.api.post(`/messages/${missing}/recall`)).status).toBe(404);
    const refused = await zhu.api.post(`/messages/${missing}/recall`);
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    expect(await sample(hub.url, 'kj_rate_limit_refusals_total', { limit: 'chat-recall' })).toBe(1);
  });

  it("socket events past a user's events-per-second budget are counted as socket-events", async () => {
    const wu = await registerUser(hub, 'wu');
    const socket: TestSocket = await connectSocket(hub, wu.token);
    const before = await sample(hub.url, 'kj_rate_limit_refusals_total', { limit: 'socket-events' });
    // 20 a second with bursts of 40: 50 at once gets some refused (fewer than the 20 in a row that cut a socket).
    const answers = await Promise.all(Array.from({ length: 50 }, () => emitAck(socket, 'ping', {})));
    const refused = answers.filter((a) => !a.ok && a.error.code === 'rate_limited').length;
    expect(refused).toBeGreaterThan(0);
    expect(await sample(hub.url, 'kj_rate_limit_refusals_total', { limit: 'socket-events' })).toBe(before + refused);
  });

  it('handshakes past an address budget are refused 403 and counted as socket-handshakes', async () => {
    const handshake = () => fetch(`${hub.realtimeUrl}/socket.io/?EIO=4&transport=polling`).then((r) => r.status);
    // The earlier tests' sockets took some of this address's budget and it refills as we ask: ask until
    // refused, up to twice the budget.
    const statuses: number[] = [];
    while (!statuses.includes(403) && statuses.length < 2 * handshakesPerMinute) statuses.push(await handshake());
    expect(statuses.at(-1)).toBe(403);
    expect(await sample(hub.url, 'kj_rate_limit_refusals_total', { limit: 'socket-handshakes' })).toBe(1);
  });
});
