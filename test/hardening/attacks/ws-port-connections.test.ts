/**
 * Attack (issue #26, finding 2, the uWS port): the HTTP port caps the connections one address holds
 * (connection-flood.test.ts); the uws engine's own port had no cap. Now an address holds at most
 * CONNECTIONS_PER_ADDRESS WebSockets there: one more is refused at its upgrade, before engine.io sees
 * it, while other addresses connect; a place comes back when a socket closes.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, registerUser, useTestHub, waitFor, type TestHub, type TestSocket } from '../../helpers/index.js';

const cap = 4;

/** A signed-in WebSocket from `localAddress`: the socket once connected, or the refusal's message. */
function connectFrom(hub: TestHub, token: string, localAddress: string): Promise<TestSocket | string> {
  return connectSocket(hub, token, { localAddress }).catch((err: Error) => err.message);
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

describe.runIf(engines.includes('uws'))('WebSockets per address on the uws port', () => {
  const hub = useTestHub({ engine: 'uws', env: { CONNECTIONS_PER_ADDRESS: String(cap) } });

  it(`one address holds ${cap}; one more is refused at the upgrade, another address connects, a closed one frees its place`, async () => {
    const user = await registerUser(hub, 'many');
    const held = await Promise.all(Array.from({ length: cap }, () => connectFrom(hub, user.token, '127.0.0.21')));
    expect(held.every((s) => typeof s !== 'string' && s.connected)).toBe(true);

    expect(await connectFrom(hub, user.token, '127.0.0.21')).toBe('websocket error');
    expect(await metric(hub.url, 'kj_ws_port_connections_refused')).toBe(1);

    const elsewhere = await connectFrom(hub, user.token, '127.0.0.22');
    expect(typeof elsewhere !== 'string' && elsewhere.connected).toBe(true);

    (held[0] as TestSocket).close();
    // The server counts the close when it sees it: the next connect from that address gets in then.
    const again = await waitFor(async () => {
      const s = await connectFrom(hub, user.token, '127.0.0.21');
      return typeof s === 'string' ? false : s;
    });
    expect(again.connected).toBe(true);
  });
});
