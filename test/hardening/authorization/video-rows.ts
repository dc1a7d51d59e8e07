/**
 * Rows of the authorization matrix for videos and album music (v1.2): a video is its owner's to post
 * and delete; its files are served only with the signature a viewer of its post was given; an album's
 * music is set by its owner alone. Everyone else gets what a missing id gets.
 */
import fs from 'node:fs/promises';
import { expect } from 'vitest';
import { makeTestVideos, uploadVideo } from '../../fixtures/videos.js';
import { expectHidden, mayView, ok, privacies, signedIn } from '../helpers/cast.js';
import type { MatrixRow } from './read-rows.js';

const others = signedIn.filter((r) => r !== 'owner');

export const videoRows: readonly MatrixRow[] = [
  {
    covers: ['post /videos', 'delete /videos/:id'],
    name: 'videos: only the owner posts or deletes one; its files need the signature its post’s viewers get',
    async run(c, hub) {
      const clips = await makeTestVideos();
      try {
        expect((await uploadVideo(hub.url, undefined, clips.webm)).status).toBe(401);
        const uploaded = await uploadVideo(hub.url, c.owner.token, clips.webm);
        expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
        const video = uploaded.body.video;
        for (const role of others) {
          const { api } = c.actors[role];
          await expectHidden(api, 'delete', `/videos/${video.id}`, video.id, undefined, role);
          await ok(api.post('/posts', { kind: 'shuoshuo', text: 'not mine', video: video.id, privacy: 'public' }), 400, role);
        }
        const post = (await ok(c.owner.api.post('/posts', { kind: 'shuoshuo', text: 'a clip', video: video.id, privacy: 'friends' }), 201))
          .post;
        for (const role of others) {
          const seen = await c.actors[role].api.get(`/posts/${post.id}`);
          if (mayView.friends.includes(role)) expect((await fetch(`${hub.url}${seen.body.post.video.url}`)).status, role).toBe(200);
          else expect(seen.status, role).toBe(404);
        }
        expect((await fetch(`${hub.url}/videos/${video.id}`)).status).toBe(404);
        expect((await fetch(`${hub.url}/videos/${video.id}/poster`)).status).toBe(404);
        await ok(c.owner.api.delete(`/videos/${video.id}`), 409, 'on a post: delete the post');
        await ok(c.owner.api.delete(`/posts/${post.id}`), 204);
        await ok(c.owner.api.delete(`/videos/${video.id}`), 404, 'gone with its post');
      } finally {
        await fs.rm(clips.dir, { recursive: true, force: true });
      }
    },
  },
  {
    covers: ['put /albums/:id/music'],
    name: 'album music: anyone but the owner gets not_found, even on a visible album',
    async run(c) {
      const music = { title: 'Song', url: 'https://music.example/a.mp3' };
      for (const privacy of privacies) {
        const album = c.albums[privacy];
        for (const role of others)
          await expectHidden(c.actors[role].api, 'put', `/albums/${album}/music`, album, { music }, `${role} × ${privacy}`);
        expect((await ok(c.owner.api.get(`/albums/${album}`), 200)).album.music ?? null).toBeNull();
      }
      await ok(c.actors.anonymous.api.put(`/albums/${c.albums.public}/music`, { music }), 401);
    },
  },
];
