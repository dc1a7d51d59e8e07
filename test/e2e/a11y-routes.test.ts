/**
 * axe-core over the routes i18n-a11y.test.ts does not open, in both languages (0 serious, 0
 * critical): a single album, a pending invite, notification settings, the chat list, a conversation
 * holding a shared photo and posts (one visible, one not), a space opened at its guestbook, a
 * finished match (its win message), the not-found page, and a newcomer's empty feed. Each has its h1 and <html lang>.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlbumDto, InviteDto, MatchDto, PostDto } from '../../shared/dto.js';
import { noisePng, uploadPhoto } from '../fixtures/images.js';
import { makeFriends, registerUser, type TestUser } from '../helpers/users.js';
import { describeViolation, seriousAxeViolations } from './axe.js';
import { openAs, startE2E, type E2E } from './browser.js';

let e2e: E2E;
let owner: TestUser;
let visitor: TestUser;
let newcomer: TestUser;
let albumId = '';
let inviteId = '';
let finishedMatchId = '';

const json = <T>(answer: { status: number; body: unknown }, status = 201): T => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body as T;
};

beforeAll(async () => {
  e2e = await startE2E();
  await registerUser(e2e.hub, 'moderator', 'Mod Squad'); // the hub's first account moderates
  owner = await registerUser(e2e.hub, 'libai', '李白');
  visitor = await registerUser(e2e.hub, 'dufu', '杜甫');
  newcomer = await registerUser(e2e.hub, 'xinren', '新人');
  await makeFriends(owner, visitor);
  albumId = json<{ album: AlbumDto }>(await owner.api.post('/albums', { title: '长安春游', privacy: 'friends' })).album.id;
  const photo = await uploadPhoto(e2e.hub.url, owner.token, albumId, await noisePng(120, 90, 3));
  expect(photo.status).toBe(201);
  await visitor.api.post(`/spaces/${owner.handle}/guestbook`, { text: '来访留念 ✍️', private: false });
  const shared = json<{ post: PostDto }>(
    await owner.api.post('/posts', { kind: 'shuoshuo', text: '春眠不觉晓 🌸', privacy: 'friends' }),
  ).post;
  const hidden = json<{ post: PostDto }>(await owner.api.post('/posts', { kind: 'shuoshuo', text: '草稿', privacy: 'private' })).post;
  const send = (body: object) => owner.api.post(`/conversations/${visitor.handle}/messages`, { ...body, clientId: randomUUID() });
  json(await send({ text: '你好 👋' }));
  json(await send({ postId: shared.id }));
  json(await send({ postId: hidden.id }));
  json(await send({ photoId: (photo.body as { photo: { id: string } }).photo.id }));
  const invite = (to: TestUser) => owner.api.post('/invites', { to: to.handle, game: 'gomoku' });
  const played = json<{ invite: InviteDto }>(await invite(visitor)).invite;
  finishedMatchId = json<{ match: MatchDto }>(await visitor.api.post(`/invites/${played.id}/accept`), 200).match.id;
  json(await visitor.api.post(`/matches/${finishedMatchId}/resign`), 200);
  inviteId = json<{ invite: InviteDto }>(await invite(visitor)).invite.id;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const routes = () =>
  [
    { name: 'album', user: owner, path: `/space/${owner.handle}/albums/${albumId}`, ready: 'kj-album-page button.thumb' },
    { name: 'invite', user: visitor, path: `/invites/${inviteId}`, ready: 'kj-invite-page [data-testid="invite-status"]' },
    { name: 'notification settings', user: owner, path: '/notifications/settings', ready: 'kj-notification-settings input' },
    { name: 'chat list', user: visitor, path: '/chat', ready: 'kj-chat-page li' },
    { name: 'conversation with shares', user: visitor, path: `/chat/${owner.handle}`, ready: 'kj-conversation li img.photo' },
    { name: 'guestbook', user: owner, path: `/space/${owner.handle}/guestbook`, ready: 'kj-guestbook li' },
    { name: 'finished match', user: owner, path: `/games/${finishedMatchId}`, ready: 'kj-match-page .status.won' },
    { name: 'not found', user: owner, path: '/no/such/page', ready: 'h1' },
    { name: "a newcomer's empty feed", user: newcomer, path: '/', ready: 'kj-feed-page .empty' },
  ] as const;

/** The route names, known before the users exist (a test per route). */
const routeNames = [
  'album',
  'invite',
  'notification settings',
  'chat list',
  'conversation with shares',
  'guestbook',
  'finished match',
  'not found',
  "a newcomer's empty feed",
] as const;

describe.each([
  { locale: 'en-US', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
])('in $lang', ({ locale, lang }) => {
  // Side by side, each in its own context of the one browser (a few at a time: vitest's maxConcurrency).
  describe.concurrent('every remaining route', () => {
    it.for(routeNames)(
      '%s has <html lang>, an h1 and no serious or critical axe violation',
      { timeout: 150_000 },
      async (name, { expect }) => {
        const route = routes().find((r) => r.name === name)!;
        const { context, page } = await openAs(e2e, route.user, route.path, { width: 1200, height: 900 }, { locale, bypassCSP: true });
        try {
          await page.locator(route.ready).first().waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          expect(await page.locator('h1').count(), `${name}: h1`).toBeGreaterThanOrEqual(1);
          const problems = (await seriousAxeViolations(page)).map((v) => describeViolation(name, v));
          expect(problems, problems.join('\n')).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
});
