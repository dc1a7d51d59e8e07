import { describe, expect, it } from 'vitest';
import { apiClient, connectSocket, emitAck, registerUser, useTestHub } from '../helpers/index.js';

describe('/metrics', () => {
  const hub = useTestHub();

  it('reports sockets, events, deliveries, HTTP and store latency in Prometheus format', async () => {
    const alice = await registerUser(hub, 'alice');
    const socket = await connectSocket(hub, alice.token);
    await emitAck(socket, 'ping', {});
    await alice.api.get('/me');
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
    expect(text).toMatch(/^kj_nodejs_eventloop_lag_p99_seconds/m);
    expect(text).toMatch(/^kj_nodejs_heap_size_used_bytes/m);
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
});
