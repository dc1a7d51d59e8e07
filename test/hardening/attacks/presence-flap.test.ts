/**
 * Attack: a flapping connection. 300 reconnects in 3 s pushed 600 `presence` events to every
 * friend. Now going offline is announced only once it lasted PRESENCE_OFFLINE_GRACE_MS: friends
 * hear "online" once and, when the user stays away, "offline" once.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, makeFriends, nextEvent, received, registerUser, settle, useTestHub } from '../../helpers/index.js';

const reconnects = 100;

describe.each(engines)('presence flapping on %s', (engine) => {
  // A grace far longer than one reconnect takes even on a loaded machine.
  const hub = useTestHub({ engine, env: { PRESENCE_OFFLINE_GRACE_MS: '4000' } });

  it(`${reconnects} reconnects in a row reach a friend as one "online" and, once the user stays away, one "offline"`, async () => {
    const [flapper, friend] = await Promise.all([registerUser(hub, 'flapper'), registerUser(hub, 'friend')]);
    await makeFriends(flapper, friend);
    const friendSocket = await connectSocket(hub, friend.token);
    for (let i = 0; i < reconnects; i += 1) {
      const socket = await connectSocket(hub, flapper.token);
      socket.disconnect();
    }
    // The final state is announced.
    expect(await nextEvent(friendSocket, 'presence', (p) => p.userId === flapper.id && !p.online, 15_000)).toEqual({
      userId: flapper.id,
      online: false,
    });
    await settle(friendSocket);
    const heard = received(friendSocket, 'presence').filter((p) => p.userId === flapper.id);
    console.info(`${engine}: ${reconnects} reconnects → ${heard.length} presence events at a friend`);
    expect(heard).toEqual([
      { userId: flapper.id, online: true },
      { userId: flapper.id, online: false },
    ]);
  });

  it('a user who comes back within the grace stays online for their friends, with no offline in between', async () => {
    const [user, friend] = await Promise.all([registerUser(hub, 'returner'), registerUser(hub, 'watcher')]);
    await makeFriends(user, friend);
    const friendSocket = await connectSocket(hub, friend.token);
    const first = await connectSocket(hub, user.token);
    expect(await nextEvent(friendSocket, 'presence', (p) => p.userId === user.id)).toEqual({ userId: user.id, online: true });
    first.disconnect();
    const back = await connectSocket(hub, user.token);
    await settle(back);
    await settle(friendSocket);
    expect(received(friendSocket, 'presence').filter((p) => p.userId === user.id)).toEqual([{ userId: user.id, online: true }]);
  });
});
