/**
 * Attack: anonymous engine.io handshakes. Each one created a session that lived until its connect
 * timeout; 22,000 polling handshakes a second took the heap to 1.7 GB. Now one address may start
 * SOCKET_HANDSHAKES_PER_ADDRESS a minute (403 `too_many_handshakes` past it, before any session is
 * made), and at most SOCKET_PENDING_MAX sessions without a signed-in socket live on a node (one more
 * closes the oldest). The attack runs from loopback addresses; a signed-in bystander still connects.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, registerUser, useTestHub } from '../../helpers/index.js';

const perAddress = 60;
const maxPending = 100;

const agents = new Map<string, http.Agent>();
/** A keep-alive agent whose connections leave from `localAddress` (127.0.0.x). */
function agentFrom(localAddress: string): http.Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new http.Agent({ keepAlive: true, maxSockets: 16, localAddress })));
  return agent;
}

function request(url: string, from: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: agentFrom(from) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Handshakes {
  /** Session ids of the accepted handshakes. */
  readonly sids: string[];
  /** The bodies of the refusals. */
  readonly refusals: Array<{ status: number; body: string }>;
}

/** `count` polling handshakes from `from`, `parallel` at a time (a bounded loop that stops by itself). */
async function handshakes(realtimeUrl: string, from: string, count: number, parallel = 16): Promise<Handshakes> {
  const sids: string[] = [];
  const refusals: Array<{ status: number; body: string }> = [];
  let left = count;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (left > 0) {
        left -= 1;
        const res = await request(`${realtimeUrl}/socket.io/?EIO=4&transport=polling`, from);
        if (res.status === 200 && res.body.startsWith('0{')) sids.push((JSON.parse(res.body.slice(1)) as { sid: string }).sid);
        else refusals.push(res);
      }
    }),
  );
  return { sids, refusals };
}

/** Whether the session `sid` still exists (an engine.io noop answers "ok"; a gone session 400). */
async function alive(realtimeUrl: string, sid: string): Promise<boolean> {
  const res = await request(`${realtimeUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`, '127.0.0.1', 'POST', '6');
  return res.status === 200;
}

describe.each(engines)('anonymous handshakes (%s)', (engine) => {
  const hub = useTestHub({ engine, env: { SOCKET_HANDSHAKES_PER_ADDRESS: String(perAddress), SOCKET_PENDING_MAX: String(maxPending) } });

  it('one address past its handshake budget is refused 403 too_many_handshakes; a bystander elsewhere connects', async () => {
    const bystander = await registerUser(hub, 'bystander');
    const started = performance.now();
    const { sids, refusals } = await handshakes(hub.realtimeUrl, '127.0.0.1', 1_000);
    const minutes = (performance.now() - started) / 60_000;
    console.info(`${engine}: 1,000 handshakes from one address: ${sids.length} accepted, ${refusals.length} refused`);
    // The budget, plus what refilled while the attack ran.
    expect(sids.length).toBeLessThanOrEqual(perAddress + Math.ceil(perAddress * minutes));
    expect(refusals.length).toBeGreaterThanOrEqual(1_000 - perAddress - Math.ceil(perAddress * minutes));
    for (const r of refusals) expect(r).toEqual({ status: 403, body: JSON.stringify({ code: 4, message: 'too_many_handshakes' }) });
    // The same over a WebSocket from that address: refused too. The budget refills one handshake a
    // second, so on a slow box one attempt may find a fresh one; of five in a row, most are refused.
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => connectSocket(hub, bystander.token, { localAddress: '127.0.0.1' })),
    );
    expect(attempts.filter((a) => a.status === 'rejected').length).toBeGreaterThanOrEqual(3);
    const socket = await connectSocket(hub, bystander.token, { localAddress: '127.0.0.2' });
    expect(socket.connected).toBe(true);
  });

  it('sessions that never sign in are at most SOCKET_PENDING_MAX; the oldest go, a bystander still connects', async () => {
    const bystander = await registerUser(hub, 'patient');
    // 40 addresses × 20 handshakes, each address within its budget: 800 sessions asked for.
    const all: string[] = [];
    for (let a = 10; a < 50; a += 1) {
      const { sids, refusals } = await handshakes(hub.realtimeUrl, `127.0.0.${a}`, 20, 4);
      expect(refusals).toEqual([]);
      all.push(...sids);
    }
    const living = [];
    for (const sid of all) if (await alive(hub.realtimeUrl, sid)) living.push(sid);
    console.info(`${engine}: ${all.length} anonymous sessions opened from 40 addresses, ${living.length} still open`);
    expect(living.length).toBeLessThanOrEqual(maxPending);
    // The newest are the ones kept.
    expect(living).toContain(all.at(-1));
    const socket = await connectSocket(hub, bystander.token, { localAddress: '127.0.0.3' });
    expect(socket.connected).toBe(true);
  });
});
