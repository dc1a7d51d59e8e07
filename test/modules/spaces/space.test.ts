import { describe, expect, it } from 'vitest';
import { defaultModules, defaultTheme } from '../../../shared/space-defaults.js';
import { apiClient, errorOf, nth, registerUser, userRef, useTestHub } from '../../helpers/index.js';

const hub = useTestHub();

describe('a space', () => {
  it('exists from registration, with the defaults, and anyone may read it', async () => {
    const alice = await registerUser(hub, 'alice', 'Alice');
    const res = await apiClient(hub.url).get(`/spaces/${alice.handle}`);
    expect(res.status).toBe(200);
    expect(res.body.space).toEqual({
      owner: userRef(alice),
      title: "Alice's space",
      theme: defaultTheme,
      modules: defaultModules,
      music: null,
      certified: false,
      stats: { visits: 0 },
    });
  });

  it('an unknown handle is not_found; a malformed one is invalid', async () => {
    const anonymous = apiClient(hub.url);
    expect((await anonymous.get('/spaces/no_such_user_here')).status).toBe(404);
    const bad = await anonymous.get('/spaces/BAD!');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('handle');
  });
});

describe('customising one’s own space', () => {
  it('changes title, music and modules, and merges a partial theme', async () => {
    const alice = await registerUser(hub, 'alice');
    const modules = [
      { kind: 'guestbook', column: 'main', order: 0, visible: true },
      { kind: 'profile', column: 'side', order: 0, visible: false },
    ] as const;
    const res = await alice.api.send('PATCH /spaces/me', {
      body: {
        title: '  Sunny corner  ',
        theme: { colors: { accent: '#0af' }, background: { imageUrl: 'https://example.com/bg.png' }, transparency: 0.5 },
        modules,
        music: { title: 'Lullaby', url: 'http://music.example.com/a.mp3' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.space).toMatchObject({
      title: 'Sunny corner',
      modules,
      music: { title: 'Lullaby', url: 'http://music.example.com/a.mp3' },
      theme: {
        background: { color: defaultTheme.background.color, imageUrl: 'https://example.com/bg.png' },
        colors: { ...defaultTheme.colors, accent: '#0af' },
        layout: 'classic',
        transparency: 0.5,
      },
    });

    const second = await alice.api.send('PATCH /spaces/me', {
      body: { theme: { layout: 'wide', background: { imageUrl: null } }, music: null },
    });
    expect(second.body.space.theme).toEqual({
      background: { color: defaultTheme.background.color, imageUrl: null },
      colors: { ...defaultTheme.colors, accent: '#0af' },
      layout: 'wide',
      transparency: 0.5,
    });
    expect(second.body.space.music).toBeNull();
    expect(second.body.space.title).toBe('Sunny corner');
    // What the owner saved is what everyone reads.
    expect((await apiClient(hub.url).get(`/spaces/${alice.handle}`)).body.space).toEqual(second.body.space);
  });

  it('restoring default modules brings back the default set', async () => {
    const alice = await registerUser(hub, 'alice');
    await alice.api.call('PATCH /spaces/me', { body: { modules: [{ kind: 'games', column: 'main', order: 0, visible: true }] } });
    const res = await alice.api.send('POST /spaces/me/modules/restore');
    expect(res.status).toBe(200);
    expect(res.body.space.modules).toEqual(defaultModules);
  });

  it.each([
    ['a bad colour', { theme: { colors: { accent: 'red' } } }, 'theme.colors.accent'],
    ['a colour with CSS in it', { theme: { background: { color: '#fff;background:url(x)' } } }, 'theme.background.color'],
    ['a javascript: image URL', { theme: { background: { imageUrl: 'javascript:alert(1)' } } }, 'theme.background.imageUrl'],
    ['a data: image URL', { theme: { background: { imageUrl: 'data:image/png;base64,AAAA' } } }, 'theme.background.imageUrl'],
    ['a javascript: music URL', { music: { title: 'x', url: 'javascript:alert(1)' } }, 'music.url'],
    ['an unknown module kind', { modules: [{ kind: 'flash', column: 'main', order: 0, visible: true }] }, 'modules.0.kind'],
    [
      'a module kind twice',
      {
        modules: [
          { kind: 'diary', column: 'main', order: 0, visible: true },
          { kind: 'diary', column: 'side', order: 1, visible: true },
        ],
      },
      'modules.1.kind',
    ],
    ['a fractional order', { modules: [{ kind: 'diary', column: 'main', order: 1.5, visible: true }] }, 'modules.0.order'],
    ['an unknown column', { modules: [{ kind: 'diary', column: 'footer', order: 1, visible: true }] }, 'modules.0.column'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title over 60 characters', { title: 'x'.repeat(61) }, 'title'],
    ['transparency above 0.9', { theme: { transparency: 0.95 } }, 'theme.transparency'],
    ['an unknown layout', { theme: { layout: 'tiny' } }, 'theme.layout'],
    ['an unknown theme field', { theme: { font: 'Comic Sans' } }, 'theme'],
    ['an unknown top-level field', { certified: true }, 'body'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_what, body, field) => {
    const alice = await registerUser(hub, 'alice');
    const before = (await alice.api.call('GET /spaces/:handle', { params: { handle: alice.handle } })).space;
    // A valid title rides along: one bad field refuses the whole patch.
    const res = await alice.api.patch('/spaces/me', { title: 'Changed?', ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect((await alice.api.call('GET /spaces/:handle', { params: { handle: alice.handle } })).space).toEqual(before);
  });

  it('refuses an empty patch', async () => {
    const alice = await registerUser(hub, 'alice');
    const res = await alice.api.patch('/spaces/me', {});
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('body');
  });

  it('needs sign-in', async () => {
    const anonymous = apiClient(hub.url);
    expect((await anonymous.patch('/spaces/me', { title: 'x' })).status).toBe(401);
    expect((await anonymous.post('/spaces/me/modules/restore')).status).toBe(401);
  });
});

describe('the visitors list', () => {
  it('shows the owner who visited, newest first; others are refused', async () => {
    const alice = await registerUser(hub, 'alice');
    const bob = await registerUser(hub, 'bob');
    const carol = await registerUser(hub, 'carol');
    await bob.api.call('POST /spaces/:handle/visit', { params: { handle: alice.handle } });
    await carol.api.call('POST /spaces/:handle/visit', { params: { handle: alice.handle } });

    const list = await alice.api.send('GET /spaces/:handle/visitors', { params: { handle: alice.handle } });
    expect(list.status).toBe(200);
    expect(list.body.visitors.map((v: { user: { id: string } }) => v.user)).toEqual([userRef(carol), userRef(bob)]);
    expect(nth(list.body.visitors, 0).at >= nth(list.body.visitors, 1).at).toBe(true);
    expect(
      (await alice.api.call('GET /spaces/:handle/visitors', { params: { handle: alice.handle }, query: { limit: 1 } })).visitors,
    ).toHaveLength(1);
    expect((await apiClient(hub.url).get(`/spaces/${alice.handle}`)).body.space.stats.visits).toBe(2);

    const forbidden = await bob.api.request('GET /spaces/:handle/visitors', { params: { handle: alice.handle } });
    expect(forbidden.status).toBe(403);
    expect(errorOf(forbidden).code).toBe('forbidden');
    expect((await apiClient(hub.url).get(`/spaces/${alice.handle}/visitors`)).status).toBe(401);
    expect((await alice.api.request('GET /spaces/:handle/visitors', { params: { handle: 'no_such_user_here' } })).status).toBe(404);
    expect((await alice.api.get(`/spaces/${alice.handle}/visitors?limit=0`)).status).toBe(400);
  });

  it('anonymous visits are refused; visiting an unknown space is not_found', async () => {
    const alice = await registerUser(hub, 'alice');
    const anonymous = await apiClient(hub.url).post(`/spaces/${alice.handle}/visit`);
    expect(anonymous.status).toBe(401);
    expect((await alice.api.request('POST /spaces/:handle/visit', { params: { handle: 'no_such_user_here' } })).status).toBe(404);
    expect((await alice.api.call('GET /spaces/:handle', { params: { handle: alice.handle } })).space.stats.visits).toBe(0);
  });
});
