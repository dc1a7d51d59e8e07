/**
 * Open albums follow their album live: new, re-captioned and deleted photos reach watchers who may see it.
 * Album cards (space:album, space:album:remove) reach an open space's readers who may see the album.
 */
import { describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';

describe.each(engines)('live albums on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('a friend watching a friends-only album sees photos arrive, change and go; a stranger may not watch', async () => {
    const owner = await registerUser(hub, 'owner');
    const friend = await registerUser(hub, 'friend');
    const stranger = await registerUser(hub, 'stranger');
    await makeFriends(owner, friend);
    const albumId: string = (await owner.api.call('POST /albums', { body: { title: 'Trip', privacy: 'friends' } })).album.id;
    const [friendSocket, strangerSocket] = await Promise.all([connectSocket(hub, friend.token), connectSocket(hub, stranger.token)]);
    expect(await emitAck(friendSocket, 'album:watch', { albumId })).toEqual({ ok: true });
    expect(await emitAck(strangerSocket, 'album:watch', { albumId })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const arrives = nextEvent(friendSocket, 'album:photo');
    const up = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(40, 30, 9));
    expect(up.status).toBe(201);
    expect(await arrives).toEqual({ albumId, photo: up.body.photo });

    const recaptioned = nextEvent(friendSocket, 'album:photo', (p) => p.photo.caption === 'sunset');
    await owner.api.call('PATCH /photos/:id', { params: { id: up.body.photo.id }, body: { caption: 'sunset' } });
    expect((await recaptioned).photo.id).toBe(up.body.photo.id);

    const goes = nextEvent(friendSocket, 'album:photo:remove');
    expect((await owner.api.send('DELETE /photos/:id', { params: { id: up.body.photo.id } })).status).toBe(204);
    expect(await goes).toEqual({ albumId, photoId: up.body.photo.id });
    await expectNoEvent(strangerSocket, 'album:photo');

    // Unfriended, the ex-friend's socket is out of the album's room at once.
    expect((await owner.api.send('DELETE /friends/:handle', { params: { handle: friend.handle } })).status).toBe(204);
    const later = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(40, 30, 10));
    await expectNoEvent(friendSocket, 'album:photo', (p) => p.photo.id === later.body.photo.id);
  });

  it('album cards come and go live for those who may see them: public to the space’s readers, friends-only to friends, private to the owner', async () => {
    const owner = await registerUser(hub, 'cards');
    const friend = await registerUser(hub, 'cardfriend');
    const reader = await registerUser(hub, 'cardreader');
    await makeFriends(owner, friend);
    const [ownerSocket, friendSocket, readerSocket] = await Promise.all([
      connectSocket(hub, owner.token),
      connectSocket(hub, friend.token),
      connectSocket(hub, reader.token),
    ]);
    expect(await emitAck(readerSocket, 'guestbook:watch', { handle: owner.handle })).toEqual({ ok: true });
    const titled = (title: string) => (p: { album: { title: string } }) => p.album.title === title;

    const publicCard = nextEvent(readerSocket, 'space:album', titled('Open'));
    const open: string = (await owner.api.call('POST /albums', { body: { title: 'Open', privacy: 'public' } })).album.id;
    expect((await publicCard).album).toMatchObject({ id: open, photoCount: 0, owner: { id: owner.id } });

    const friendsCard = nextEvent(friendSocket, 'space:album', titled('Close'));
    const close: string = (await owner.api.call('POST /albums', { body: { title: 'Close', privacy: 'friends' } })).album.id;
    expect((await friendsCard).album.id).toBe(close);
    const mine = nextEvent(ownerSocket, 'space:album', titled('Mine'));
    await owner.api.call('POST /albums', { body: { title: 'Mine', privacy: 'private' } });
    await mine;

    // A photo more: the card's count and cover follow.
    const counted = nextEvent(friendSocket, 'space:album', (p) => p.album.id === close && p.album.photoCount === 1);
    expect((await uploadPhoto(hub.url, owner.token, close, await noisePng(40, 30, 21))).status).toBe(201);
    expect((await counted).album.coverThumbUrl).toMatch(/^\/photos\/[0-9a-f]{24}\/thumb\?/);

    const gone = nextEvent(friendSocket, 'space:album:remove', (p) => p.albumId === close);
    expect((await owner.api.send('DELETE /albums/:id', { params: { id: close } })).status).toBe(204);
    expect(await gone).toEqual({ ownerId: owner.id, albumId: close });

    await expectNoEvent(readerSocket, 'space:album', (p) => p.album.privacy !== 'public');
    await expectNoEvent(readerSocket, 'space:album:remove');
    await expectNoEvent(friendSocket, 'space:album', (p) => p.album.privacy === 'private');

    // A stranger with the public album itself open hears that it is gone.
    const stranger = await registerUser(hub, 'cardstranger');
    const strangerSocket = await connectSocket(hub, stranger.token);
    expect(await emitAck(strangerSocket, 'album:watch', { albumId: open })).toEqual({ ok: true });
    const closed = nextEvent(strangerSocket, 'space:album:remove', (p) => p.albumId === open);
    expect((await owner.api.send('DELETE /albums/:id', { params: { id: open } })).status).toBe(204);
    expect(await closed).toEqual({ ownerId: owner.id, albumId: open });
  });
});
