/**
 * Muted kinds are remembered per user on each node (every notification asks), so muting on one node
 * must silence the kind on every other node at once, and unmuting must bring it back: two nodes over
 * one Redis and one store; the comments are made through node B, which had remembered the old choice.
 */
import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '../../../shared/dto.js';
import { apiClient, connectSocket, makeFriends, nextEvent, registerUser, useTwoNodes } from '../../helpers/index.js';

describe('muting a kind of notification across two nodes', () => {
  const nodes = useTwoNodes();

  it('a kind muted on node A stays silent for comments made through node B, and rings again once unmuted', async () => {
    const [alice, bob] = await Promise.all([registerUser(nodes.a, 'alice'), registerUser(nodes.a, 'bob')]);
    await makeFriends(alice, bob);
    const { post } = await alice.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'muting', privacy: 'friends' } });
    const bobOnB = apiClient(nodes.b.url, bob.token);
    const comment = (text: string) => bobOnB.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text } });
    const bell = async () => {
      const { notifications } = await alice.api.call('GET /notifications', { query: { limit: 100 } });
      return notifications.filter((n: NotificationDto) => n.kind === 'comment').map((n) => n.subject.excerpt);
    };
    const socket = await connectSocket(nodes.a, alice.token);

    // Node B reads (and remembers) that alice mutes nothing.
    let rung = nextEvent(socket, 'notification', (e) => e.notification.subject.excerpt === 'first');
    await comment('first');
    await rung;

    await alice.api.call('PUT /notifications/settings', { body: { muted: ['comment'] } });
    await comment('while muted');
    // A like is not muted: once it has rung, the comment before it would have too.
    rung = nextEvent(socket, 'notification', (e) => e.notification.kind === 'like');
    await bobOnB.call('PUT /posts/:id/like', { params: { id: post.id } });
    await rung;
    expect(await bell()).toEqual(['first']);

    await alice.api.call('PUT /notifications/settings', { body: { muted: [] } });
    rung = nextEvent(socket, 'notification', (e) => e.notification.subject.excerpt === 'after');
    await comment('after');
    await rung;
    expect((await bell()).sort()).toEqual(['after', 'first']);
  });
});
