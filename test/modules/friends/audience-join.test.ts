/**
 * The audience rooms a new socket joins during its handshake (friends/socket.ts): every friend's,
 * and none of a friend whose friendship ended between the read of the list and the join. The list
 * is scripted here (the race cannot be timed against a real hub); the socket records its rooms.
 */
import { describe, expect, it } from 'vitest';
import type { HubSocket } from '../../../server/realtime/types.js';
import { joinFriendAudiences } from '../../../server/modules/friends/socket.js';
import { rooms } from '../../../server/realtime/rooms.js';
import type { Viewer } from '../../../server/modules/accounts/viewer.js';

const viewer = { id: '0123456789abcdef01234567' } as Viewer;
const [a, b, c] = ['aaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbb', 'cccccccccccccccccccccccc'];

/** A socket that only keeps the rooms it is in. */
function roomSocket() {
  const joined = new Set<string>();
  const socket = {
    join: (names: string | string[]) => void (Array.isArray(names) ? names : [names]).forEach((n) => joined.add(n)),
    leave: (name: string) => void joined.delete(name),
  };
  return { socket: socket as unknown as HubSocket, joined };
}

/** A friend list that answers each of `answers` in turn (then the last one again). */
function scripted(...answers: ReadonlyArray<readonly string[]>) {
  let read = 0;
  return { friendIdList: () => Promise.resolve(answers[Math.min(read++, answers.length - 1)]!) };
}

describe('joinFriendAudiences', () => {
  it('joins the audience room of every friend when the list did not change', async () => {
    const list = [a, b, c];
    const { socket, joined } = roomSocket();
    await joinFriendAudiences(scripted(list, list))(socket, viewer);
    expect([...joined].sort()).toEqual([a, b, c].map(rooms.audience).sort());
  });

  it('leaves the room of a friendship that ended between the read and the join', async () => {
    const { socket, joined } = roomSocket();
    await joinFriendAudiences(scripted([a, b, c], [a, c]))(socket, viewer);
    expect([...joined].sort()).toEqual([a, c].map(rooms.audience).sort());
  });

  it('joins nothing without friends', async () => {
    const { socket, joined } = roomSocket();
    await joinFriendAudiences(scripted([]))(socket, viewer);
    expect(joined.size).toBe(0);
  });
});
