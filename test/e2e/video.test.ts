/**
 * Videos and album extras in the browser. One person attaches a video in the composer (upload
 * progress, then its poster), in Chinese at 390 px; a friend with the feed open sees the post arrive
 * live and plays it with the browser's own controls. An album's owner sets background music, which a
 * friend with the album open sees live as a player that waits for a press; the friend switches to the
 * photo wall. axe-core finds nothing serious on either screen, in either language.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { noisePng, uploadPhoto } from '../fixtures/images.js';
import { makeTestVideos, type TestVideos } from '../fixtures/videos.js';
import { openAs, screenshot, startE2E, type E2E, type UserPage } from './browser.js';

let e2e: E2E;
let clips: TestVideos;
const opened: UserPage[] = [];
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

beforeAll(async () => {
  [e2e, clips] = await Promise.all([startE2E(), makeTestVideos()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.context.close()));
  await e2e?.close();
  if (clips) await fs.rm(clips.dir, { recursive: true, force: true });
});

async function open(user: TestUser, path: string, locale: string, narrow = false): Promise<Page> {
  const o = await openAs(e2e, user, path, narrow ? { width: 390, height: 844 } : undefined, { locale, bypassCSP: true });
  opened.push(o);
  return o.page;
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousAxeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    type Found = { id: string; impact?: string; nodes: { target: unknown }[] };
    const runner = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: Found[] }> } }).axe;
    const { violations } = await runner.run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('videos and album extras', () => {
  it('a video uploaded in the composer plays for a friend who sees the post arrive live', async () => {
    const author = await registerUser(e2e.hub, 'filmer', '张艺');
    const friend = await registerUser(e2e.hub, 'watcher', 'Wang Wei');
    await makeFriends(author, friend);
    // Something in the feed already (axe finds an empty role="feed" wanting children: another screen's matter).
    await author.api.post('/posts', { kind: 'shuoshuo', text: '早上好', privacy: 'friends' });
    const [mine, theirs] = await Promise.all([open(author, '/', 'zh-CN', true), open(friend, '/', 'en-US')]);

    const composer = mine.locator('kj-composer');
    await composer
      .locator('kj-video-attach input[type="file"]')
      .setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: clips.webm });
    await composer.getByRole('img', { name: /^已添加的视频/ }).waitFor();
    await composer.locator('textarea#text').fill('看我的小视频');
    expect(await seriousAxeFindings(mine)).toEqual([]);
    await screenshot(mine, 'video-composer-zh-390');
    await composer.getByRole('button', { name: '发表', exact: true }).click();

    const card = theirs.locator('kj-post-card article', { hasText: '看我的小视频' });
    await card.waitFor();
    const video = card.locator('video');
    expect(await video.getAttribute('poster')).toMatch(/^\/videos\/[0-9a-f]{24}\/poster\?sig=/);
    expect(await video.getAttribute('preload')).toBe('metadata');
    // The browser loads the metadata through the signed, range-served URL, then plays.
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(2);
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await seriousAxeFindings(theirs)).toEqual([]);
  }, 120_000);

  it('album music is set by its owner and seen live by a friend, who plays it by pressing and switches to the photo wall', async () => {
    const owner = await registerUser(e2e.hub, 'painter', 'Lin');
    const friend = await registerUser(e2e.hub, 'guest', '李白');
    await makeFriends(owner, friend);
    const albumId = (await owner.api.post('/albums', { title: 'Summer', privacy: 'friends' })).body.album.id as string;
    for (const [w, h, seed] of [
      [300, 120, 1],
      [120, 300, 2],
      [160, 160, 3],
    ] as const)
      expect((await uploadPhoto(e2e.hub.url, owner.token, albumId, await noisePng(w, h, seed))).status).toBe(201);
    const path = `/space/${owner.handle}/albums/${albumId}`;
    const [mine, theirs] = await Promise.all([open(owner, path, 'en-US'), open(friend, path, 'zh-CN', true)]);
    await theirs.locator('kj-album-page [data-photo-id]').first().waitFor();

    await mine.getByRole('button', { name: 'Add album music' }).click();
    await mine.getByLabel('Song title').fill('Moonlight');
    await mine.getByLabel('Music URL (http or https)').fill('javascript:alert(1)');
    await mine.getByRole('button', { name: 'Save music' }).click();
    await mine.locator('kj-album-music [role="alert"]').waitFor(); // refused like the space's music
    await mine.getByLabel('Music URL (http or https)').fill('https://music.example/moonlight.mp3');
    await mine.getByRole('button', { name: 'Save music' }).click();

    const player = theirs.locator('kj-album-music audio');
    await player.waitFor();
    expect(await player.getAttribute('src')).toBe('https://music.example/moonlight.mp3');
    // Nothing plays until the visitor presses play: no autoplay, nothing even loaded.
    expect(
      await player.evaluate((a: HTMLAudioElement) => ({
        paused: a.paused,
        autoplay: a.autoplay,
        preload: a.preload,
        controls: a.controls,
      })),
    ).toEqual({
      paused: true,
      autoplay: false,
      preload: 'none',
      controls: true,
    });
    expect(await player.getAttribute('aria-label')).toBe('播放 Moonlight');

    await theirs.getByRole('button', { name: '照片墙' }).click();
    const grid = theirs.locator('kj-album-page [data-testid="photo-grid"]');
    await expect.poll(() => grid.evaluate((g) => getComputedStyle(g).gridAutoFlow)).toBe('dense');
    expect(await theirs.locator('kj-album-page .wall .wide').count()).toBe(1);
    expect(await theirs.locator('kj-album-page .wall .tall').count()).toBe(1);
    expect(await seriousAxeFindings(theirs)).toEqual([]);
    await screenshot(theirs, 'album-wall-zh-390');
    expect(await seriousAxeFindings(mine)).toEqual([]);
  }, 120_000);
});
