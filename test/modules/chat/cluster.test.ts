/**
 * Private messages in a two-node cluster of real processes (one store, one Redis):
 * a message sent on node 1 reaches the recipient's devices on nodes 1 and 2 (and the sender's other
 * device); after node 2 is SIGKILLed, its client reconnects to node 1 and `chat:sync` returns exactly
 * what it missed, numbered without gaps. On the default engine only: cross-node delivery goes through the
 * same Redis adapter on both (test/cluster/cluster.test.ts runs both), and each engine here cost a
 * cluster of processes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../../scripts/cluster/start-cluster.js';
import { closeAllSockets, connectSocket, emitAck, makeFriends, nextEvent, registerUser } from '../../helpers/index.js';

describe.each(['uws'] as const)('private messages in a two-node cluster on %s', { timeout: 120_000 }, (engine) => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, engine, env: { RATE_LIMIT_SCALE: '1000' } });
  }, 120_000);
  afterAll(async () => {
    closeAllSockets();
    await cluster?.stop();
  });

  it('reaches both people’s devices on both nodes, and a client of a killed node catches up exactly', async () => {
    const [n1, n2] = cluster.nodes as [Cluster['nodes'][number], Cluster['nodes'][number]];
    const [alice, bob] = await Promise.all([registerUser(n1, 'alice'), registerUser(n2, 'bob')]);
    await makeFriends(alice, bob);
    const aliceOn1 = await connectSocket(n1, alice.token);
    const aliceOn2 = await connectSocket(n2, alice.token);
    const bobOn1 = await connectSocket(n1, bob.token);
    const bobOn2 = await connectSocket(n2, bob.token, { reconnection: false });

    const sent = await emitAck(aliceOn1, 'chat:send', { to: bob.handle, text: '跨节点', clientId: randomUUID() });
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.message.id;
    for (const socket of [aliceOn1, aliceOn2, bobOn1]) {
      expect((await nextEvent(socket, 'chat:message', (p) => p.message.id === id)).message.text).toBe('跨节点');
    }
    const onPhone = (await nextEvent(bobOn2, 'chat:message', (p) => p.message.id === id)).message;
    expect(onPhone).toMatchObject({ text: '跨节点', seq: 1, inboxSeq: 1 });
    const seenByBob = onPhone.inboxSeq ?? 0;

    // Node 2 dies with bob's phone on it; alice keeps writing through node 1 meanwhile.
    const gone = new Promise((resolve) => bobOn2.once('disconnect', resolve));
    n2.child.process.kill('SIGKILL');
    await gone;
    const later = [];
    for (const text of ['one', 'two', 'three']) {
      const res = await alice.api.send('POST /conversations/:handle/messages', {
        params: { handle: bob.handle },
        body: { text, clientId: randomUUID() },
      });
      expect(res.status).toBe(201);
      later.push(res.body.message.seq);
    }
    expect(later).toEqual([2, 3, 4]);

    const phoneAgain = await connectSocket(n1, bob.token);
    const sync = await emitAck(phoneAgain, 'chat:sync', { after: seenByBob });
    if (!sync.ok) throw new Error(sync.error.message);
    expect(sync.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
    expect(sync.messages.map((m) => m.inboxSeq)).toEqual([seenByBob + 1, seenByBob + 2, seenByBob + 3]);
    expect(sync.unread).toBe(4);
  });
});
