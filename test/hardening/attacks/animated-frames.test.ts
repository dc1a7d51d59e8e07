/**
 * Attack: a GIF of many one-pixel frames passes the pixel cap (800,000 frames are 800,000 pixels in
 * all) but costs time per frame: an 18 MB one took ~10 s of CPU, and six accounts with two such
 * uploads each filled the single processing queue, so everyone else got 503. Now frames are counted
 * before sharp reads the file and capped (413), and the queue takes turns between users.
 */
import { describe, expect, it } from 'vitest';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { registerUser, useTestHub, type TestUser } from '../../helpers/index.js';

/** A 1×1 GIF of `frames` frames (each: a graphic control extension and one LZW-coded pixel), 23 bytes a frame. */
function manyFrameGif(frames: number): Buffer {
  const header = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
  const frame = Buffer.from([
    0x21,
    0xf9,
    0x04,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00, // graphic control: delay 1
    0x2c,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    0,
    0, // image descriptor: 1×1 at 0,0
    0x02,
    0x02,
    0x44,
    0x01,
    0x00, // LZW code size 2; clear, 0, end
  ]);
  return Buffer.concat([header, Buffer.alloc(frame.length * frames).fill(frame), Buffer.from([0x3b])]);
}

describe('animated frame bomb', { timeout: 180_000 }, () => {
  // Upload budgets as in production (the test default multiplies them by 50).
  const hub = useTestHub({ env: { RATE_LIMIT_SCALE: '1' } });

  async function albumOf(user: TestUser): Promise<string> {
    const res = await user.api.post('/albums', { title: 'frames', privacy: 'private' });
    expect(res.status).toBe(201);
    return res.body.album.id;
  }

  it('six accounts upload two 50,000-frame GIFs each: all refused 413 for their frames, and a bystander uploads meanwhile', async () => {
    const attackers = await Promise.all(Array.from({ length: 6 }, (_, i) => registerUser(hub, `frames${i}`)));
    const albums = await Promise.all(attackers.map(albumOf));
    const bystander = await registerUser(hub, 'bystander');
    const ownAlbum = await albumOf(bystander);
    const bomb = manyFrameGif(50_000); // 1.15 MB; 50,000 pixels in all
    const attack = Promise.all(
      attackers.flatMap((a, i) =>
        [0, 1].map(() => uploadPhoto(hub.url, a.token, albums[i]!, bomb, { type: 'image/gif', filename: 'x.gif' })),
      ),
    );
    const own = await uploadPhoto(hub.url, bystander.token, ownAlbum, await noisePng(64, 64), { type: 'image/png', filename: 'me.png' });
    const answers = await attack;
    expect(own.status).toBe(201);
    for (const a of answers) {
      expect(a.status).toBe(413);
      expect(a.body).toMatchObject({ error: { code: 'too_large', message: 'the animation has too many frames (at most 1000)' } });
    }
  });

  it('an animation within the frame cap is still stored', async () => {
    const user = await registerUser(hub, 'animator');
    const res = await uploadPhoto(hub.url, user.token, await albumOf(user), manyFrameGif(200), { type: 'image/gif', filename: 'ok.gif' });
    expect(res.status).toBe(201);
  });
});
