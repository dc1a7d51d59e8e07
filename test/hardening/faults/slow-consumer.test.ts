/**
 * Slow consumers against a real hub process: raw WebSocket clients that stop reading while their
 * friend posts large diaries are cut off once its buffer passes SOCKET_MAX_BUFFER_BYTES, a reading
 * friend keeps getting every post, and the hub's resident memory does not grow with what the
 * stalled clients did not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCluster, type Cluster } from '../../../scripts/cluster/start-cluster.js';
import { closeAllSockets, connectSocket, makeFriends, nextEvent, registerUser, type TestUser } from '../../helpers/index.js';
import { health, rssOf, within } from '../helpers/faults.js';

const maxBuffered = 256 * 1024;
const diaries = 200;
const diaryChars = 90_000;
/** Several stalled clients, so what unbounded queueing would hold (stalled × pushed) dwarfs RSS noise. */
const stalledCount = 8;

/** A raw engine.io v4 / socket.io client over `ws`, authenticated, so the test can stop reading. */
function rawClient(realtimeUrl: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${realtimeUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = (data as Buffer).toString(); // ws's default binaryType ('nodebuffer') hands a Buffer
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
      else if (text.startsWith('40')) resolve(ws);
      else if (text.startsWith('44')) reject(new Error(text));
      else if (text === '2') ws.send('3');
    });
  });
}

describe('a slow consumer against a hub process', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let poster: TestUser, reader: TestUser;
  let stalledUsers: TestUser[];
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, env: { SOCKET_MAX_BUFFER_BYTES: String(maxBuffered), RATE_LIMIT_SCALE: '1000' } });
    const node = cluster.nodes[0]!;
    [poster, reader] = (await Promise.all(['poster', 'reader'].map((s) => registerUser(node, s)))) as [TestUser, TestUser];
    stalledUsers = await Promise.all(Array.from({ length: stalledCount }, () => registerUser(node, 'stalled')));
    for (const friend of [reader, ...stalledUsers]) await makeFriends(poster, friend);
  }, 90_000);
  afterAll(async () => {
    closeAllSockets();
    await cluster?.stop();
  });

  it('is cut off, the reader gets everything, and the hub’s memory stays bounded', async () => {
    const node = cluster.nodes[0]!;
    const pid = node.child.process.pid!;
    const diary = (i: number) => ({
      kind: 'diary',
      title: `long read ${i}`,
      text: `<p>${String(i).padEnd(diaryChars, 'x')}</p>`,
      privacy: 'friends',
    });
    const readerSocket = await connectSocket(node, reader.token);
    // Control: the same work once without a stalled client, so what follows measures the stall alone.
    const rssStart = await rssOf(pid);
    for (let i = 0; i < diaries; i += 1) expect((await poster.api.post('/posts', diary(i))).status).toBe(201);
    const rssBefore = await rssOf(pid);

    const stalled = await Promise.all(stalledUsers.map((u) => rawClient(node.realtimeUrl, u.token)));
    expect((await health(node.url)).body.sockets).toBe(1 + stalledCount);
    for (const ws of stalled) ws.pause(); // not ws._socket.pause(): ws resumes that when its receiver drains

    let last = '';
    for (let i = 0; i < diaries; i += 1) {
      const res = await poster.api.post('/posts', diary(1000 + i));
      expect(res.status).toBe(201);
      last = res.body.post.id as string;
    }
    await nextEvent(readerSocket, 'feed:post', (p) => p.post.id === last, 15_000);
    await within(10_000, async () => (await health(node.url)).body.sockets === 1, 'the stalled sockets cut off');
    const rssAfter = await rssOf(pid);
    const pushed = diaries * diaryChars; // at each stalled client
    const growth = rssAfter - rssBefore;
    const controlGrowth = rssBefore - rssStart;
    console.info(
      `slow consumer: ${stalledCount} stalled clients, ${(pushed / 2 ** 20).toFixed(1)} MiB pushed at each; hub RSS ${(rssBefore / 2 ** 20).toFixed(1)} → ${(rssAfter / 2 ** 20).toFixed(1)} MiB (${(growth / 2 ** 20).toFixed(1)} MiB; the same work without a stalled client: ${(controlGrowth / 2 ** 20).toFixed(1)} MiB)`,
    );
    // Unbounded queueing would hold everything the stalled clients missed (8 × ~17 MiB) on top of
    // what the same work costs without them. RSS is noisy (no forced GC in the hub: seen up to ~18 MiB
    // beyond the control on a busy box), so the bound is half of what unbounded queueing would hold.
    expect(growth - controlGrowth, 'RSS growth beyond the control (bytes)').toBeLessThan((pushed * stalledCount) / 2);
    for (const ws of stalled) ws.terminate();
  });
});
