import { describe, expect, it } from 'vitest';
import { apiClient, registerUser, startTestHub, uniqueHandle, useTestHub } from '../../helpers/index.js';

describe('accounts', () => {
  const hub = useTestHub();

  it('makes the first registered user a moderator, and nobody after', async () => {
    const first = await registerUser(hub, 'first');
    const second = await registerUser(hub, 'second');
    expect((await first.api.call('GET /me')).user.role).toBe('moderator');
    expect((await second.api.call('GET /me')).user).toMatchObject({ handle: second.handle, role: 'user', tier: 'basic' });
  });

  it('registers, signs in and answers /me with the contract shape', async () => {
    const anon = apiClient(hub.url);
    const handle = uniqueHandle('bob');
    const reg = await anon.post('/auth/register', { handle, password: 'long enough pw', displayName: '  Bob  ' });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), handle, displayName: 'Bob', tier: 'basic', role: 'user' });
    const login = await anon.post('/auth/login', { handle, password: 'long enough pw' });
    expect(login.status).toBe(200);
    const me = await apiClient(hub.url, login.body.token).get('/me');
    expect(me.body.user.id).toBe(reg.body.user.id);
  });

  it('refuses a taken handle with 409', async () => {
    const u = await registerUser(hub, 'taken');
    const again = await apiClient(hub.url).post('/auth/register', { handle: u.handle, password: 'whatever123', displayName: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it.each([
    [{ handle: 'ab', password: 'password1', displayName: 'x' }, 'handle'],
    [{ handle: 'Has-Caps', password: 'password1', displayName: 'x' }, 'handle'],
    [{ handle: 'valid_one', password: 'short', displayName: 'x' }, 'password'],
    [{ handle: 'valid_two', password: 'p'.repeat(129), displayName: 'x' }, 'password'],
    [{ handle: 'valid_three', password: 'password1', displayName: '   ' }, 'displayName'],
    [{ handle: 'valid_four', password: 'password1', displayName: 'x'.repeat(41) }, 'displayName'],
    [{ handle: { $ne: '' }, password: 'password1', displayName: 'x' }, 'handle'],
    [{ handle: 'valid_five', password: 'password1', displayName: 'x', role: 'moderator' }, 'body'],
  ])('answers 400 invalid naming the field for %o', async (body, field) => {
    const res = await apiClient(hub.url).post('/auth/register', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });

  it('answers 401 to a wrong password, a missing token and a bad token', async () => {
    const u = await registerUser(hub, 'carol');
    const wrong = await apiClient(hub.url).post('/auth/login', { handle: u.handle, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect((await apiClient(hub.url).get('/me')).status).toBe(401);
    expect((await apiClient(hub.url, `${u.token}x`).get('/me')).status).toBe(401);
  });

  it('rate-limits sign-in attempts per handle', async () => {
    const limited = await startTestHub({ env: { RATE_LIMIT_SCALE: '1' } });
    try {
      const u = await registerUser(limited, 'dave');
      const anon = apiClient(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1)
        statuses.push((await anon.post('/auth/login', { handle: u.handle, password: 'wrong password' })).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
      const blockedRight = await anon.post('/auth/login', { handle: u.handle, password: 'correct horse battery' });
      expect(blockedRight.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
