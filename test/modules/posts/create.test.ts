/** Creating posts: every field validated, diaries sanitised, and a post read back as created. */
import { describe, expect, it } from 'vitest';
import { apiClient, errorOf, registerUser, useTestHub } from '../../helpers/index.js';

describe('creating posts', () => {
  const hub = useTestHub();

  it('a shuoshuo is created, read back, and shaped as the contract says', async () => {
    const alice = await registerUser(hub, 'alice');
    const res = await alice.api.send('POST /posts', { body: { kind: 'shuoshuo', text: '  hello world  ', privacy: 'public' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const post = res.body.post;
    expect(post).toMatchObject({
      author: { id: alice.id, handle: alice.handle },
      kind: 'shuoshuo',
      text: 'hello world',
      images: [],
      privacy: 'public',
      status: 'published',
      counts: { likes: 0, comments: 0 },
      liked: false,
    });
    expect(post.title).toBeUndefined();
    expect(Date.parse(post.createdAt)).not.toBeNaN();
    const read = await apiClient(hub.url).get(`/posts/${post.id}`);
    expect(read.status).toBe(200);
    const { liked: _liked, ...shared } = post;
    expect(read.body.post).toEqual(shared);
  });

  it('refuses each bad field with 400 invalid naming it, and stores nothing', async () => {
    const alice = await registerUser(hub, 'alice');
    const ok = { kind: 'shuoshuo', text: 'fine', privacy: 'public' };
    const cases: Array<[unknown, string]> = [
      [{ ...ok, kind: 'poem' }, 'kind'],
      [{ text: 'x', privacy: 'public' }, 'kind'],
      [{ ...ok, text: '' }, 'text'],
      [{ ...ok, text: '   ' }, 'text'],
      [{ ...ok, text: 'x'.repeat(2001) }, 'text'],
      [{ ...ok, text: 42 }, 'text'],
      [{ ...ok, text: 'bell\u0007' }, 'text'],
      [{ ...ok, privacy: 'everyone' }, 'privacy'],
      [{ kind: 'shuoshuo', text: 'x' }, 'privacy'],
      [{ ...ok, title: 'no titles here' }, 'title'],
      [{ ...ok, images: ['nope'] }, 'images.0'],
      [{ ...ok, images: Array.from({ length: 10 }, (_, i) => i.toString(16).padStart(24, '0')) }, 'images'],
      [{ ...ok, images: 'abc' }, 'images'],
      [{ kind: 'diary', text: '<p>x</p>', privacy: 'public' }, 'title'],
      [{ kind: 'diary', title: '', text: '<p>x</p>', privacy: 'public' }, 'title'],
      [{ kind: 'diary', title: 't'.repeat(121), text: '<p>x</p>', privacy: 'public' }, 'title'],
      [{ kind: 'diary', title: 't', text: '', privacy: 'public' }, 'text'],
      [{ kind: 'diary', title: 't', text: 'x'.repeat(200_001), privacy: 'public' }, 'text'],
      [{ kind: 'diary', title: 't', text: `<p>${'x'.repeat(100_001)}</p>`, privacy: 'public' }, 'text'],
      [{ kind: 'diary', title: 't', text: '<script>alert(1)</script><iframe src="https://x"></iframe>', privacy: 'public' }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await alice.api.post('/posts', body);
      expect(res.status, `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code).toBe('invalid');
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    const extra = await alice.api.post('/posts', { ...ok, mood: 'happy' });
    expect(extra.status).toBe(400);
    const mine = await alice.api.send('GET /spaces/:handle/posts', { params: { handle: alice.handle } });
    expect(mine.body.posts).toEqual([]);
  });

  it('needs a signed-in author', async () => {
    const res = await apiClient(hub.url).post('/posts', { kind: 'shuoshuo', text: 'anon', privacy: 'public' });
    expect(res.status).toBe(401);
  });

  it('at most nine images, and only the author’s own photos', async () => {
    const alice = await registerUser(hub, 'alice');
    const strangerPhoto = 'ab'.repeat(12);
    const res = await alice.api.request('POST /posts', {
      body: { kind: 'shuoshuo', text: 'pics', privacy: 'public', images: [strangerPhoto] },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid');
  });

  it('a diary keeps its rich text and loses everything that could run', async () => {
    const alice = await registerUser(hub, 'alice');
    const html = [
      '<h2 onclick="steal()">Day one</h2>',
      '<p style="text-align:center">Hello <b>bold</b> <i>it</i> <u>u</u> <s>s</s> <strong>st</strong> <em>em</em><br></p>',
      '<script>alert("x")</script><style>body{display:none}</style><iframe src="https://evil.example"></iframe>',
      '<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>',
      '<img src="https://img.example/a.png" onerror="alert(1)"><img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA">',
      '<a href="javascript:alert(1)">bad link</a><a href="https://ok.example/" target="_self">good link</a>',
      '<span style="color:#ff0000;position:fixed">red</span>',
    ].join('');
    const res = await alice.api.send('POST /posts', { body: { kind: 'diary', title: 'My diary', text: html, privacy: 'public' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const text: string = res.body.post.text;
    expect(res.body.post.title).toBe('My diary');
    for (const gone of [
      '<script',
      'alert',
      '<style',
      'display:none',
      '<iframe',
      'onerror',
      'onclick',
      'javascript:',
      'data:',
      'position',
    ]) {
      expect(text).not.toContain(gone);
    }
    for (const kept of [
      '<h2>Day one</h2>',
      '<b>bold</b>',
      '<i>it</i>',
      '<u>u</u>',
      '<s>s</s>',
      '<strong>st</strong>',
      '<em>em</em>',
      '<br />',
      '<li>one</li>',
      '<ol>',
      '<blockquote>quote</blockquote>',
      'style="text-align:center"',
      '<span style="color:#ff0000">red</span>',
    ]) {
      expect(text).toContain(kept);
    }
    // Images from other hosts go too (a diary shows its author's own photos only).
    expect(text).not.toContain('<img');
    expect(text).toContain('<a href="https://ok.example/" rel="noopener nofollow ugc" target="_blank">good link</a>');
    expect(text).toContain('<a rel="noopener nofollow ugc" target="_blank">bad link</a>');
  });
});
