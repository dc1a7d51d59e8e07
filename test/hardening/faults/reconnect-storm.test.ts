/**
 * A reconnect storm against one hub process: 800 authenticated Socket.IO clients (websocket
 * transport) connect at once and all get in; the node is then restarted (SIGTERM, start again on
 * the same ports) and every one of them reconnects by itself. Refused connects that are retried
 * are allowed; any other error is not. (The storm's behaviour shows at 800 on a two-core box beside
 * the other test files; larger storms and their timings are `npm run loadtest -- --churn`'s.)
 */
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../../scripts/cluster/start-cluster.js';
import { makeFriendGraph } from '../../../scripts/loadtest/friend-graph.js';
import { seedStore, type SeededUser } from '../../../scripts/loadtest/seed.js';
import { health, within } from '../helpers/faults.js';

const clients = 800;

describe('reconnect storm', { timeout: 240_000 }, () => {
  let cluster: Cluster;
  let users: SeededUser[];
  const sockets: Socket[] = [];
  const secret = randomBytes(24).toString('base64url');

  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 1,
      env: {
        SECRET: secret,
        RATE_LIMIT_SCALE: '1000',
        // 800 sockets from 127.0.0.1 at once, twice: past the per-address handshake budget, and many
        // are still signing in together.
        SOCKET_HANDSHAKES_PER_ADDRESS: '100000',
        SOCKET_PENDING_MAX: '10000',
        // And all 800 held from that one address, on either port.
        CONNECTIONS_PER_ADDRESS: '100000',
      },
    });
    users = await seedStore(
      cluster.mongodbUri,
      makeFriendGraph(clients, 4),
      `storm${randomBytes(2).toString('hex')}_`,
      secret,
      () => undefined,
    );
  }, 90_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
  });

  it(`${clients} clients connect at once, and all reconnect after the node restarts`, async () => {
    const node = cluster.nodes[0]!;
    const connects = new Array<number>(clients).fill(0);
    const errors = new Map<string, number>();
    const started = Date.now();
    for (const [i, user] of users.entries()) {
      const socket = io(node.realtimeUrl, {
        auth: { token: user.token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 3_000,
        timeout: 10_000,
      });
      socket.on('connect', () => (connects[i]! += 1));
      socket.on('connect_error', (err) => errors.set(err.message, (errors.get(err.message) ?? 0) + 1));
      sockets.push(socket);
    }
    const allConnected = (round: number) => connects.every((n) => n >= round);
    await within(60_000, () => Promise.resolve(allConnected(1)), 'all clients connected');
    const firstMs = Date.now() - started;
    await within(30_000, async () => (await health(node.url)).body?.sockets === clients, 'the node counts every socket');

    const firstErrors = [...errors.values()].reduce((a, b) => a + b, 0);
    const restartAt = Date.now();
    expect(await node.child.stop('SIGTERM')).toBe(0);
    cluster.nodes[0] = await node.restart();
    await within(60_000, () => Promise.resolve(allConnected(2)), 'all clients reconnected');
    const againMs = Date.now() - restartAt;
    await within(
      30_000,
      async () => (await health(cluster.nodes[0]!.url)).body?.sockets === clients,
      'the restarted node counts every socket',
    );
    console.info(
      `reconnect storm: ${clients} clients connected in ${firstMs} ms; ${firstErrors} connect errors on the way in; restart + all reconnected in ${againMs} ms; connect errors in all ${JSON.stringify(Object.fromEntries(errors))}`,
    );
    // The only connect errors allowed are refused connections while the node was down, then retried.
    for (const message of errors.keys()) expect(message, 'connect error').toMatch(/websocket error|timeout|xhr poll error/);
    expect(
      connects.every((n) => n === 2),
      'one reconnect each, no flapping',
    ).toBe(true);
  });
});
