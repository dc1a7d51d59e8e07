/**
 * The live fan-out of group-limited posts through per-group rooms (`rooms.group`), on both engines:
 * a member gets the post live (whether their socket connected before or after they were put in the
 * group), someone taken out of the group stops getting its posts at once, ending the friendship
 * does the same, a member of two chosen groups gets the post once, and a
 * friend the author hides a post from (`except`) never gets it. And the owner's own tabs hear of
 * every change to their groups (`group:update`, `group:remove`).
 */
import { describe, expect, it } from 'vitest';
import type { RouteBody } from '../../../shared/api-client.js';
import type { GroupDto, PostDto } from '../../../shared/dto.js';
import {
  connectSocket,
  engines,
  expectNoEvent,
  makeFriends,
  nextEvent,
  received,
  registerUsers,
  settle,
  useTestHub,
  type TestUser,
} from '../../helpers/index.js';

/** Who a post is for: its privacy and, with it, the groups it goes to or the friends left out. */
type Audience = Pick<RouteBody<'POST /posts'>, 'privacy' | 'groups' | 'except'>;

async function post(author: TestUser, text: string, audience: Audience): Promise<PostDto> {
  const res = await author.api.send('POST /posts', { body: { kind: 'shuoshuo', text, ...audience } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post;
}

async function setMembers(owner: TestUser, group: GroupDto, members: readonly TestUser[]): Promise<void> {
  const res = await owner.api.send('PATCH /groups/:id', { params: { id: group.id }, body: { members: members.map((m) => m.handle) } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe.each(engines)('group rooms on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a member gets a group post live; taken out of the group or unfriended, no longer; an excepted friend never', async () => {
    const [author, member, late, outsider, excepted] = await registerUsers(hub, ['author', 'member', 'late', 'outsider', 'excepted']);
    for (const friend of [member!, late!, outsider!, excepted!]) await makeFriends(author!, friend);
    const family = (await author!.api.call('POST /groups', { body: { name: 'Family' } })).group as GroupDto;
    const school = (await author!.api.call('POST /groups', { body: { name: 'School' } })).group as GroupDto;
    // Connected before being put in the group: joins its room live.
    const memberSocket = await connectSocket(hub, member!.token);
    const outsiderSocket = await connectSocket(hub, outsider!.token);
    const exceptedSocket = await connectSocket(hub, excepted!.token);
    const authorSocket = await connectSocket(hub, author!.token);
    await setMembers(author!, family, [member!, late!, excepted!]);
    await setMembers(author!, school, [member!]);
    // Put in the group before connecting: joins its room on connect.
    const lateSocket = await connectSocket(hub, late!.token);

    const first = await post(author!, 'family dinner', { privacy: 'groups', groups: [family.id] });
    for (const socket of [memberSocket, lateSocket, exceptedSocket, authorSocket])
      await nextEvent(socket, 'feed:post', (p) => p.post.id === first.id);
    await expectNoEvent(outsiderSocket, 'feed:post', (p) => p.post.id === first.id);

    // Two chosen groups, one member in both: one delivery.
    const both = await post(author!, 'to both', { privacy: 'groups', groups: [family.id, school.id] });
    await nextEvent(memberSocket, 'feed:post', (p) => p.post.id === both.id);
    await settle(memberSocket);
    expect(received(memberSocket, 'feed:post').filter((p) => p.post.id === both.id)).toHaveLength(1);

    // A friends post hiding from `excepted`: everyone else, never them.
    const hidden = await post(author!, 'not for you', { privacy: 'friends', except: [excepted!.handle] });
    for (const socket of [memberSocket, outsiderSocket, lateSocket]) await nextEvent(socket, 'feed:post', (p) => p.post.id === hidden.id);
    await expectNoEvent(exceptedSocket, 'feed:post', (p) => p.post.id === hidden.id);

    // Taken out of the group: the very next group post does not reach them.
    await setMembers(author!, family, [member!, late!]);
    const second = await post(author!, 'after the change', { privacy: 'groups', groups: [family.id] });
    await nextEvent(memberSocket, 'feed:post', (p) => p.post.id === second.id);
    await expectNoEvent(exceptedSocket, 'feed:post', (p) => p.post.id === second.id);

    // Friendship ended: out of every group room of the other at once.
    expect((await author!.api.send('DELETE /friends/:handle', { params: { handle: late!.handle } })).status).toBe(204);
    const third = await post(author!, 'after unfriending', { privacy: 'groups', groups: [family.id] });
    await nextEvent(memberSocket, 'feed:post', (p) => p.post.id === third.id);
    await expectNoEvent(lateSocket, 'feed:post', (p) => p.post.id === third.id);

    expect(received(memberSocket, 'feed:post').map((p) => p.post.id)).toEqual([first.id, both.id, hidden.id, second.id, third.id]);
    expect(received(lateSocket, 'feed:post').map((p) => p.post.id)).toEqual([first.id, both.id, hidden.id, second.id]);
  }, 60_000);

  it('every change to a group is pushed to its owner’s sockets (each tab), and to no one else', async () => {
    const [owner, friend] = (await registerUsers(hub, ['owner', 'friend'])) as [TestUser, TestUser];
    await makeFriends(owner, friend);
    const [tabA, tabB, friendSocket] = [
      await connectSocket(hub, owner.token),
      await connectSocket(hub, owner.token),
      await connectSocket(hub, friend.token),
    ];
    const made = (await owner.api.call('POST /groups', { body: { name: 'Family' } })).group as GroupDto;
    for (const tab of [tabA, tabB]) expect((await nextEvent(tab, 'group:update')).group).toEqual(made);
    await setMembers(owner, made, [friend]);
    expect((await nextEvent(tabB, 'group:update', (p) => p.group.members.length === 1)).group.members[0]!.handle).toBe(friend.handle);
    await owner.api.call('PATCH /groups/:id', { params: { id: made.id }, body: { name: 'Kin' } });
    expect((await nextEvent(tabA, 'group:update', (p) => p.group.name === 'Kin')).group.id).toBe(made.id);
    expect((await owner.api.send('DELETE /groups/:id', { params: { id: made.id } })).status).toBe(204);
    expect(await nextEvent(tabB, 'group:remove')).toEqual({ groupId: made.id });
    await expectNoEvent(friendSocket, 'group:update');
    await expectNoEvent(friendSocket, 'group:remove');
  });

  it('members connecting all at once (one shared lookup) each join the rooms of their own groups', async () => {
    const [author, a, b, c] = (await registerUsers(hub, ['author', 'a', 'b', 'c'])) as [TestUser, TestUser, TestUser, TestUser];
    for (const friend of [a, b, c]) await makeFriends(author, friend);
    const one = (await author.api.call('POST /groups', { body: { name: 'One' } })).group as GroupDto;
    const two = (await author.api.call('POST /groups', { body: { name: 'Two' } })).group as GroupDto;
    await setMembers(author, one, [a, b]);
    await setMembers(author, two, [b]);
    const [sa, sb, sc] = await Promise.all([a, b, c].map((u) => connectSocket(hub, u.token)));
    const toOne = await post(author, 'to one', { privacy: 'groups', groups: [one.id] });
    const toTwo = await post(author, 'to two', { privacy: 'groups', groups: [two.id] });
    await nextEvent(sa!, 'feed:post', (p) => p.post.id === toOne.id);
    await nextEvent(sb!, 'feed:post', (p) => p.post.id === toTwo.id);
    expect(received(sb!, 'feed:post').map((p) => p.post.id)).toEqual([toOne.id, toTwo.id]);
    await expectNoEvent(sa!, 'feed:post', (p) => p.post.id === toTwo.id);
    await expectNoEvent(sc!, 'feed:post');
  });
  it('taken out of the group while their socket connects (between its read and its join), a member gets no group post', async () => {
    const [author, member] = (await registerUsers(hub, ['author', 'member'])) as [TestUser, TestUser];
    await makeFriends(author, member);
    const family = (await author.api.call('POST /groups', { body: { name: 'Family' } })).group as GroupDto;
    await setMembers(author, family, [member]);
    // The removal lands after the connecting socket read its groups and before it joined their rooms.
    const membership = hub.services.groups.membership;
    const read = membership.groupsWithOwners.bind(membership);
    let raced = false;
    membership.groupsWithOwners = async (memberId) => {
      const groups = await read(memberId);
      if (memberId === member.id && !raced) {
        raced = true;
        await setMembers(author, family, []);
      }
      return groups;
    };
    try {
      const memberSocket = await connectSocket(hub, member.token);
      expect(raced).toBe(true);
      const sent = await post(author, 'family only', { privacy: 'groups', groups: [family.id] });
      await expectNoEvent(memberSocket, 'feed:post', (p) => p.post.id === sent.id);
    } finally {
      membership.groupsWithOwners = read;
    }
  });
});
