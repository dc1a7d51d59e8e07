/**
 * Attack (issue #26, finding 12): a blocked person could tell they were blocked: the blocker's space
 * answered 404, but its posts, albums and matches answered 200 with empty lists, while a handle that
 * names nobody answers 404 everywhere. Now every per-user listing answers the blocked person
 * byte for byte as it answers an unknown handle.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, uniqueHandle, useTestHub } from '../../helpers/index.js';

const listings = (handle: string) => [
  `/spaces/${handle}`,
  `/spaces/${handle}/posts`,
  `/spaces/${handle}/albums`,
  `/spaces/${handle}/matches`,
  `/spaces/${handle}/guestbook`,
  `/spaces/${handle}/fan`,
];

describe('a blocked person cannot tell from the listings', { timeout: 60_000 }, () => {
  const hub = useTestHub();

  it('every per-user listing answers the blocked person exactly like a handle that names nobody', async () => {
    const [blocker, blocked, other] = [
      await registerUser(hub, 'blocker'),
      await registerUser(hub, 'blocked'),
      await registerUser(hub, 'other'),
    ];
    expect((await blocker.api.post('/posts', { kind: 'shuoshuo', text: 'public words', privacy: 'public' })).status).toBe(201);
    expect((await blocker.api.post('/albums', { title: 'trip', privacy: 'public' })).status).toBe(201);
    expect((await blocker.api.put(`/blocks/${blocked.handle}`)).status).toBe(204);

    const nobody = uniqueHandle('nobody');
    for (const [path, unknownPath] of listings(blocker.handle).map((p, i) => [p, listings(nobody)[i]!] as const)) {
      const seen = await blocked.api.get(path);
      const unknown = await blocked.api.get(unknownPath);
      expect(unknown.status, unknownPath).toBe(404);
      expect({ status: seen.status, body: seen.body }, path).toEqual({ status: unknown.status, body: unknown.body });
      // Anyone else still sees the listing.
      expect((await other.api.get(path)).status, `${path} for someone else`).toBe(200);
    }
    // The blocker still opens the blocked person's space and its listings (that is where they unblock).
    for (const path of listings(blocked.handle)) expect((await blocker.api.get(path)).status, path).toBe(200);

    // Unblocked, the listings come back.
    expect((await blocker.api.delete(`/blocks/${blocked.handle}`)).status).toBe(204);
    const posts = await blocked.api.get(`/spaces/${blocker.handle}/posts`);
    expect(posts.status).toBe(200);
    expect(posts.body.posts).toHaveLength(1);
  });
});
