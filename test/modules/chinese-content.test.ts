/**
 * Chinese content end to end through the real API: display names, space titles, shuoshuo and diaries,
 * comments, guestbook entries and album titles keep their characters exactly (traditional stays
 * traditional, emoji and full-width punctuation survive); handles stay a–z0–9_; moderation rules
 * written in either script catch text in the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/dto.js';
import { apiClient, errorOf, makeFriends, registerUser, type TestUser, uniqueHandle, useTestHub } from '../helpers/index.js';

describe('Chinese content', () => {
  const hub = useTestHub();
  let moderator: TestUser;
  beforeAll(async () => {
    moderator = await registerUser(hub, 'first', '管理员'); // the hub's first account moderates
  });

  it('keeps Chinese display names (up to 40 characters) and refuses Chinese handles', async () => {
    expect(moderator.user.role).toBe('moderator');
    expect(moderator.user.displayName).toBe('管理员');
    const forty = '李'.repeat(40);
    const ok = await apiClient(hub.url).post('/auth/register', {
      handle: uniqueHandle('li'),
      password: 'correct horse battery',
      displayName: `  ${forty}  `,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.user.displayName).toBe(forty);
    const tooLong = await apiClient(hub.url).post('/auth/register', {
      handle: uniqueHandle('li'),
      password: 'correct horse battery',
      displayName: `${forty}白`,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields).toHaveProperty('displayName');
    const chineseHandle = await apiClient(hub.url).post('/auth/register', {
      handle: '李白',
      password: 'correct horse battery',
      displayName: '李白',
    });
    expect(chineseHandle.status).toBe(400);
    expect(chineseHandle.body.error.fields).toHaveProperty('handle');
  });

  it('keeps space titles, posts, diaries, comments, guestbook entries and album titles exactly', async () => {
    const owner = await registerUser(hub, 'libai', '李白 🌙');
    const friend = await registerUser(hub, 'dufu', '杜甫');
    await makeFriends(owner, friend);

    const title = '李白的小酒館（繁體）🍶';
    const space = await owner.api.send('PATCH /spaces/me', { body: { title } });
    expect(space.status, JSON.stringify(space.body)).toBe(200);
    expect((await friend.api.call('GET /spaces/:handle', { params: { handle: owner.handle } })).space.title).toBe(title);

    const text = '床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。🌕';
    const shuoshuo = await owner.api.send('POST /posts', { body: { kind: 'shuoshuo', text, privacy: 'friends', images: [] } });
    expect(shuoshuo.status, JSON.stringify(shuoshuo.body)).toBe(201);
    const diary = await owner.api.send('POST /posts', {
      body: {
        kind: 'diary',
        title: '靜夜思',
        text: '<p><b>月光</b>如水，照在<i>床前</i>。</p>',
        privacy: 'friends',
      },
    });
    expect(diary.status, JSON.stringify(diary.body)).toBe(201);
    const feed = (await friend.api.call('GET /feed')).posts as PostDto[];
    expect(feed.find((p) => p.id === shuoshuo.body.post.id)?.text).toBe(text);
    const readDiary = feed.find((p) => p.id === diary.body.post.id)!;
    expect(readDiary.title).toBe('靜夜思');
    expect(readDiary.text).toContain('<b>月光</b>如水');

    const comment = await friend.api.send('POST /posts/:id/comments', {
      params: { id: shuoshuo.body.post.id },
      body: { text: '好詩！👍 「天下第一」' },
    });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    const comments = (await owner.api.call('GET /posts/:id/comments', { params: { id: shuoshuo.body.post.id } })).comments;
    expect(comments.map((c: { text: string }) => c.text)).toContain('好詩！👍 「天下第一」');

    const entry = await friend.api.send('POST /spaces/:handle/guestbook', {
      params: { handle: owner.handle },
      body: { text: '到此一遊，留言為證 ✍️' },
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const entries = (await owner.api.call('GET /spaces/:handle/guestbook', { params: { handle: owner.handle } })).entries;
    expect(entries.map((e: { text: string }) => e.text)).toContain('到此一遊，留言為證 ✍️');

    const album = await owner.api.send('POST /albums', { body: { title: '長安・春遊 2026', privacy: 'friends' } });
    expect(album.status, JSON.stringify(album.body)).toBe(201);
    const albums = (await friend.api.call('GET /spaces/:handle/albums', { params: { handle: owner.handle } })).albums;
    expect(albums.map((a: { title: string }) => a.title)).toContain('長安・春遊 2026');
  });

  it('a rule in simplified blocks traditional text, a rule in traditional holds simplified text, and the post keeps its script', async () => {
    const writer = await registerUser(hub, 'writer', '王維');
    const block = await moderator.api.send('POST /moderation/rules', { body: { pattern: '诈骗', action: 'block' } });
    expect(block.status, JSON.stringify(block.body)).toBe(201);
    const hold = await moderator.api.send('POST /moderation/rules', { body: { pattern: '賭博', action: 'hold' } });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);

    const blocked = await writer.api.request('POST /posts', {
      body: { kind: 'shuoshuo', text: '小心電話詐騙！', privacy: 'public', images: [] },
    });
    expect(blocked.status).toBe(422);
    expect(errorOf(blocked).code).toBe('blocked');
    const held = await writer.api.send('POST /posts', { body: { kind: 'shuoshuo', text: '网上赌博害人', privacy: 'public', images: [] } });
    expect(held.status, JSON.stringify(held.body)).toBe(202);
    expect(held.body.post.text).toBe('网上赌博害人');
    const fine = await writer.api.send('POST /posts', {
      body: { kind: 'shuoshuo', text: '空山新雨後，天氣晚來秋。', privacy: 'public', images: [] },
    });
    expect(fine.status).toBe(201);
    expect(fine.body.post.text).toBe('空山新雨後，天氣晚來秋。');
  });
});
