/**
 * Issue #26, finding 7: each disguise of a blocked keyword is refused in every field a stranger can
 * read, through the real API (one hub, block rules `scamword`, `scam` and `诈骗`); ordinary English
 * and Chinese text around the same letters is published in every field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import { registerUser, startTestHub, uniqueHandle, type TestHub, type TestUser } from '../../helpers/index.js';
import type { ApiAnswer } from '../../helpers/api.js';

/**
 * Text a reader reads as `scamword` or `诈骗`. Latin disguises split `scam` too, so that the `scam`
 * rule (there for the false-positive checks) cannot be what catches them.
 */
const textDisguises: Readonly<Record<string, string>> = {
  'tag characters': 'sc\u{E0020}\u{E0077}am\u{E0020}word',
  'U+1D173 (a format character)': 'sc\u{1D173}am\u{1D173}word',
  'a combining overlay': 's\u0336c\u0336a\u0336m\u0336w\u0336o\u0336r\u0336d\u0336',
  'a letter with a diaeresis': 'scämword',
  'Cyrillic look-alikes': '\u0455\u0441\u0430mw\u043erd',
  'letters spaced out': 's c a m w o r d',
  'a space inside a Chinese word': '诈 骗',
  'an ideographic space': '诈\u3000骗',
  'a braille blank': '诈\u2800骗',
  'traditional characters with a zero-width joiner': '詐\u200d騙',
  'full width': 'ＳＣＡＭＷＯＲＤ',
};

/** A URL a reader reads as carrying `scamword` or `诈骗`. */
const urlDisguises: Readonly<Record<string, string>> = {
  'percent-encoded letters': 'https://example.com/%73cam%77ord',
  'percent-encoded Chinese with a space': 'https://example.com/%E8%AF%88%20%E9%AA%97',
  'encoded twice': 'https://example.com/%2573camword',
  'Cyrillic look-alikes': 'https://example.com/\u0455\u0441\u0430mword',
  'tag characters': 'https://example.com/sc\u{E0020}amword',
  'a look-alike host': `https://${new URL('https://\u0455camword.example').hostname}/`,
};

/** Ordinary text with the rules' letters in it that no reader reads as a keyword. */
const ordinary: readonly string[] = [
  'Look at his camera, Sam: it is a fine word',
  '小心欺诈，骗子很多。诈唬和骗术不一样',
  'Hello world, 你好世界',
];

type Submit = (value: string) => Promise<ApiAnswer>;

describe('keyword screening sees through disguises in every field', () => {
  let hub: TestHub;
  let owner: TestUser;
  let writer: TestUser;
  let postId: string;
  let albumId: string;
  let photoId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const moderator = await registerUser(hub, 'mod'); // the first account is a moderator
    for (const pattern of ['scamword', 'scam', '诈骗']) {
      expect((await moderator.api.post('/moderation/rules', { pattern, action: 'block' })).status).toBe(201);
    }
    owner = await registerUser(hub, 'owner');
    writer = await registerUser(hub, 'writer');
    postId = (await owner.api.post('/posts', { kind: 'shuoshuo', text: 'a public post', privacy: 'public' })).body.post.id;
    albumId = (await owner.api.post('/albums', { title: 'holiday', privacy: 'public' })).body.album.id;
    const upload = await uploadPhoto(hub.url, owner.token, albumId, await noisePng(32, 32, 7));
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    photoId = upload.body.photo.id;
  }, 60_000);
  afterAll(() => hub?.close());

  const register = (body: Record<string, string>) =>
    writer.api.post('/auth/register', { handle: uniqueHandle('new'), password: 'correct horse battery', displayName: 'new', ...body });
  const diary = (html: string, title = 'a diary') => writer.api.post('/posts', { kind: 'diary', title, text: html, privacy: 'public' });

  /** Every field a stranger can read that takes free text. */
  const textFields: Readonly<Record<string, Submit>> = {
    'shuoshuo text': (v) => writer.api.post('/posts', { kind: 'shuoshuo', text: v, privacy: 'public' }),
    'diary title': (v) => diary('<p>fine</p>', v),
    'diary text': (v) => diary(`<p>${v}</p>`),
    'repost text': (v) => writer.api.post(`/posts/${postId}/repost`, { text: v, privacy: 'public' }),
    comment: (v) => writer.api.post(`/posts/${postId}/comments`, { text: v }),
    guestbook: (v) => writer.api.post(`/spaces/${owner.handle}/guestbook`, { text: v }),
    'space title': (v) => owner.api.patch('/spaces/me', { title: v }),
    'music title': (v) => owner.api.patch('/spaces/me', { music: { title: v, url: 'https://example.com/song.mp3' } }),
    'album title': (v) => owner.api.post('/albums', { title: v, privacy: 'public' }),
    'album music title': (v) => owner.api.put(`/albums/${albumId}/music`, { music: { title: v, url: 'https://example.com/song.mp3' } }),
    'photo caption': (v) => owner.api.patch(`/photos/${photoId}`, { caption: v }),
    'display name at sign-up': (v) => register({ displayName: v }),
    'display name': (v) => owner.api.patch('/me', { displayName: v }),
    bio: (v) => owner.api.patch('/me', { bio: v }),
  };

  /** Fields holding a URL (shown, or followed by a reader). */
  const urlFields: Readonly<Record<string, Submit>> = {
    'music URL': (v) => owner.api.patch('/spaces/me', { music: { title: 'a song', url: v } }),
    'album music URL': (v) => owner.api.put(`/albums/${albumId}/music`, { music: { title: 'a song', url: v } }),
    'background image URL': (v) => owner.api.patch('/spaces/me', { theme: { background: { imageUrl: v } } }),
    'diary link': (v) => diary(`<p>see <a href="${v}">this</a></p>`),
  };

  const expectBlocked = (answer: ApiAnswer, what: string) => {
    expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(422);
    expect(answer.body.error.code, what).toBe('blocked');
  };

  describe.each(Object.entries(textFields))('%s', (field, submit) => {
    it.each(Object.entries(textDisguises))('refuses %s', async (disguise, word) => {
      expectBlocked(await submit(`oh ${word} ok`), `${field} × ${disguise}`);
    });

    it('publishes ordinary English and Chinese text', async () => {
      for (const text of ordinary) {
        const answer = await submit(text.slice(0, 40));
        expect(answer.status, `${field}: ${text} → ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      }
    });
  });

  describe.each(Object.entries(urlFields))('%s', (field, submit) => {
    it.each(Object.entries(urlDisguises))('refuses %s', async (disguise, url) => {
      expectBlocked(await submit(url), `${field} × ${disguise}`);
    });

    it('accepts an ordinary URL', async () => {
      const answer = await submit('https://example.com/his-camera/word.mp3');
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    });
  });

  it('diaries: a word split over paragraphs, list items or line breaks is refused; words in adjacent blocks are not joined', async () => {
    for (const html of [
      '<p>hello sc<br>amword there</p>',
      '<p>sca</p><p>mword</p>',
      '<ul><li>诈</li><li>骗</li></ul>',
      '<p>s</p><p>c</p><p>a</p><p>m</p>',
      '<p>sc&#8203;amword</p>',
      '<p>sc<b>am</b>word</p>',
    ]) {
      expectBlocked(await diary(html), html);
    }
    for (const html of ['<p>this</p><p>camera</p>', '<ul><li>his</li><li>camera</li></ul>', '<p>欺诈。</p><p>骗子</p>']) {
      expect((await diary(html)).status, html).toBe(201);
    }
  });

  it('handles: what a handle can hold of the disguises is refused at sign-up, the rest never fits a handle', async () => {
    for (const handle of ['s_c_a_m_w_o_r_d', 'xscamwordx']) {
      expectBlocked(await register({ handle }), handle);
    }
    for (const word of Object.values(textDisguises)) {
      const answer = await register({ handle: `x${word}` });
      expect([400, 422], `${word}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
    }
    expect((await register({ handle: uniqueHandle('his_camera') })).status).toBe(201);
  });
});
