/**
 * An owner's approval settings (评论审核) are remembered per owner on each node (every comment by someone
 * else asks), so turning approval on through one node must hold the next comment made through any
 * other node, and turning it off must let comments straight through again: two nodes over one Redis
 * and one store; the comments are made through node B, which had remembered the old setting.
 */
import { describe, expect, it } from 'vitest';
import { apiClient, makeFriends, registerUser, useTwoNodes } from '../../helpers/index.js';

describe('comment approval across two nodes', () => {
  const nodes = useTwoNodes();

  it('approval turned on through node A holds the next comment made through node B, and off lets it through', async () => {
    const [owner, friend] = await Promise.all([registerUser(nodes.a, 'owner'), registerUser(nodes.a, 'friend')]);
    await makeFriends(owner, friend);
    const { post } = await owner.api.call('POST /posts', { body: { kind: 'shuoshuo', text: 'approve me', privacy: 'friends' } });
    const friendOnB = apiClient(nodes.b.url, friend.token);
    const comment = async (text: string) =>
      (await friendOnB.call('POST /posts/:id/comments', { params: { id: post.id }, body: { text } })).comment;

    // Node B reads (and remembers) that the owner approves nothing.
    expect(await comment('straight in')).toMatchObject({ status: 'published' });

    await owner.api.call('PATCH /spaces/me', { body: { approval: { comments: true } } });
    const held = await comment('wait for me');
    expect(held).toMatchObject({ pending: true });
    expect(held).not.toHaveProperty('status');

    await owner.api.call('PATCH /spaces/me', { body: { approval: { comments: false } } });
    expect(await comment('in again')).toMatchObject({ status: 'published' });
  });
});
