/** Open albums follow their album live: new, re-captioned and deleted photos reach watchers who may see it. */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, expectNoEvent, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';

describe('live albums', () => {
  const hub = useTestHub();

  it('a friend watching a friends-only album sees photos arrive, change and go; a stranger may not watch', async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    const albumId: string = (await owner.api.post('/albums', { title: 'Trip', privacy: 'friends' })).body.album.id;
    const [friendSocket, strangerSocket] = await Promise.all([connectSocket(hub, friend.token), connectSocket(hub, stranger.token)]);
    expect(await emitAck(friendSocket, 'album:watch', { albumId })).toEqual({ ok: true });
    expect(await emitAck(strangerSocket, 'album:watch', { albumId })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const arrives = nextEvent(friendSocket, 'album:photo');
    const up = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(40, 30, 9));
    expect(up.status).toBe(201);
    expect(await arrives).toEqual({ albumId, photo: up.body.photo });

    const recaptioned = nextEvent(friendSocket, 'album:photo', (p) => p.photo.caption === 'sunset');
    await owner.api.patch(`/photos/${up.body.photo.id}`, { caption: 'sunset' });
    expect((await recaptioned).photo.id).toBe(up.body.photo.id);

    const goes = nextEvent(friendSocket, 'album:photo:remove');
    expect((await owner.api.delete(`/photos/${up.body.photo.id}`)).status).toBe(204);
    expect(await goes).toEqual({ albumId, photoId: up.body.photo.id });
    await expectNoEvent(strangerSocket, 'album:photo');

    // Unfriended, the ex-friend's socket is out of the album's room at once.
    expect((await owner.api.delete(`/friends/${friend.handle}`)).status).toBe(204);
    const later = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(40, 30, 10));
    await expectNoEvent(friendSocket, 'album:photo', (p) => p.photo.id === later.body.photo.id);
  });
});
