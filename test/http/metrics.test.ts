import { describe, expect, it } from 'vitest';
import { isLoopbackPeer } from '../../server/metrics.js';
import { apiClient, connectSocket, emitAck, makeFriends, nextEvent, pause, registerUser, useTestHub } from '../helpers/index.js';

const loopCount = (text: string) => Number(/^kj_event_loop_delay_seconds_count\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? NaN);

describe('/metrics', () => {
  const hub = useTestHub();

  it('reports sockets, events, deliveries, HTTP and store latency in Prometheus format', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    await emitAck(socket, 'ping', {});
    await alice.api.call('GET /me');
    const res = await fetch(`${hub.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const sample = (name: string, labels: string) =>
      text.split('\n').find((line) => line.startsWith(`${name}{`) && labels.split(',').every((l) => line.includes(l)));
    expect(sample('kj_sockets_connected', 'node=')).toMatch(/ 1$/);
    expect(sample('kj_socket_events_in_total', 'event="ping"')).toMatch(/ 1$/);
    expect(sample('kj_socket_events_out_total', 'event="ping"')).toBeUndefined(); // acks are not events
    expect(sample('kj_ack_latency_seconds_count', 'event="ping",ok="true"')).toMatch(/ 1$/);
    expect(sample('kj_http_request_duration_seconds_count', 'method="GET",route="/api/me",status="200"')).toMatch(/ 1$/);
    expect(sample('kj_store_command_duration_seconds_count', 'command="find",ok="true"')).toMatch(/ [1-9]\d*$/);
    expect(text).toMatch(/^kj_event_loop_delay_seconds_bucket\{le="0.01"/m);
    expect(sample('kj_realtime_engine', `engine="${hub.engine}"`)).toMatch(/ 1$/); // uws where its binary loads, else ws
    expect(text).toMatch(/^kj_nodejs_heap_size_used_bytes/m);
  });

  it('counts natively published deliveries too (a post to a friend on the uws engine)', async () => {
    const [mei, lan] = await Promise.all([registerUser(hub, 'mei'), registerUser(hub, 'lan')]);
    await makeFriends(mei, lan);
    const socket = await connectSocket(hub, lan.token);
    const deliveriesOf = async () => {
      const text = await (await fetch(`${hub.url}/metrics`)).text();
      const line = (name: string) => text.split('\n').find((l) => l.startsWith(name) && !l.startsWith('#'));
      return {
        all: Number(line('kj_deliveries_total')?.split(' ').pop() ?? 0),
        posts: Number(line('kj_socket_events_out_total{event="feed:post"')?.split(' ').pop() ?? 0),
      };
    };
    const before = await deliveriesOf();
    const arrived = nextEvent(socket, 'feed:post', ({ post }) => post.author.handle === mei.handle);
    expect((await mei.api.send('POST /posts', { body: { kind: 'shuoshuo', text: 'counted', privacy: 'friends' } })).status).toBe(201);
    await arrived;
    const after = await deliveriesOf();
    expect(after.posts - before.posts).toBe(1);
    expect(after.all - before.all).toBeGreaterThanOrEqual(1);
  });

  it('does not let clients grow the label set with made-up event names', async () => {
    const bob = await registerUser(hub, 'bob');
    const socket = await connectSocket(hub, bob.token);
    await (socket.timeout(2000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)('made:up:event', {});
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).not.toContain('made:up:event');
    expect(text).toMatch(/kj_socket_events_in_total\{event="unknown"/);
    expect((await apiClient(hub.url).get('/health')).status).toBe(200);
  });

  it('keeps the event-loop delay histogram cumulative: a second scraper still sees every sample', async () => {
    const first = loopCount(await (await fetch(`${hub.url}/metrics`)).text());
    await pause(200); // time for more event-loop samples
    const second = loopCount(await (await fetch(`${hub.url}/metrics`)).text());
    expect(first).toBeGreaterThan(0);
    // prom-client's own loop gauges reset on each scrape; this count only ever grows.
    expect(second).toBeGreaterThan(first);
    expect(await (await fetch(`${hub.url}/metrics`)).text()).not.toMatch(/^kj_nodejs_eventloop_lag_p99_seconds/m);
  });
});

describe('/metrics access', () => {
  const token = 'metrics-token-0123456789';
  const hub = useTestHub({ env: { METRICS_TOKEN: token } });

  it('with METRICS_TOKEN set, answers only its bearer, even on loopback', async () => {
    expect((await fetch(`${hub.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${hub.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('kj_sockets_connected');
  });

  it('without a token, only loopback peers are loopback (a forwarded-for header does not count)', () => {
    expect(isLoopbackPeer('127.0.0.1')).toBe(true);
    expect(isLoopbackPeer('::1')).toBe(true);
    expect(isLoopbackPeer('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackPeer('10.0.0.5')).toBe(false);
    expect(isLoopbackPeer('::ffff:192.168.1.4')).toBe(false);
    expect(isLoopbackPeer(undefined)).toBe(false);
  });
});
