/**
 * Attack: diary images could load from any https host, so a diary could carry a tracking pixel that
 * tells its host who read it and when. Now a diary shows its author's own photos only (as a shuoshuo
 * does), served to each reader under a fresh URL, with a capped rendered height.
 */
import { describe, expect, it } from 'vitest';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { makeFriends, registerUser, useTestHub } from '../../helpers/index.js';

describe('diary images', () => {
  const hub = useTestHub();

  it("drops images from other hosts, keeps the author's own photo with a capped height, and refuses someone else's", async () => {
    const [author, other, friend] = await Promise.all(['author', 'other', 'friend'].map((s) => registerUser(hub, s)));
    await makeFriends(author!, friend!);
    const album = (await author!.api.post('/albums', { title: 'mine', privacy: 'friends' })).body.album.id;
    const photo = (await uploadPhoto(hub.url, author!.token, album, await noisePng(64, 48, 3))).body.photo;
    const othersAlbum = (await other!.api.post('/albums', { title: 'theirs', privacy: 'public' })).body.album.id;
    const othersPhoto = (await uploadPhoto(hub.url, other!.token, othersAlbum, await noisePng(64, 48, 4))).body.photo;

    const pixel = '<img src="https://tracker.example/p.gif?reader=1" alt="">';
    const mine = `<img src="${photo.url}" alt="our cat" width="5000" height="9000">`;
    const res = await author!.api.post('/posts', { kind: 'diary', title: 'cats', text: `<p>hello</p>${pixel}${mine}`, privacy: 'friends' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const html: string = (await friend!.api.get(`/posts/${res.body.post.id}`)).body.post.text;
    expect(html).not.toContain('tracker.example');
    expect(html).not.toMatch(/width=|height=/);
    expect(html).toContain('style="max-height:480px;max-width:100%"');
    // The friend gets a working URL of the photo (signed: the album is friends-only).
    const src = /<img src="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(src).toMatch(new RegExp(`^/photos/${photo.id}\\?sig=`));
    expect((await fetch(`${hub.url}${src}`)).status).toBe(200);

    const borrowed = await author!.api.post('/posts', {
      kind: 'diary',
      title: 'not mine',
      text: `<p>x</p><img src="/photos/${othersPhoto.id}">`,
      privacy: 'public',
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.code).toBe('invalid');
  });
});
