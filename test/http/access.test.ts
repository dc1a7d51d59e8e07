/**
 * Access and budgets are declared once, on the endpoint: `auth: 'moderator'` is checked when the
 * endpoint is mounted (no service repeats it), and RATE_LIMIT_SCALE multiplies every budget in the
 * rate-limits factory, so it reaches endpoints no service scales by hand (notifications, albums …).
 */
import { describe, expect, it } from 'vitest';
import { createRateLimits } from '../../server/rate-limits.js';
import { apiClient, registerUser, useTestHub, type ApiClient } from '../helpers/index.js';

const missingId = '0123456789abcdef01234567';
const send = (api: ApiClient, method: string, path: string) =>
  method === 'get' ? api.get(path) : api[method as 'post' | 'put' | 'patch' | 'delete'](path, {});
const fill = (path: string) => path.replace(/:handle/g, 'nobody_here').replace(/:[a-zA-Z]+/g, missingId);

describe('endpoint access declared once', () => {
  const hub = useTestHub();

  it('names the moderator endpoints in their declarations', () => {
    const moderatorOnly = hub.routes.filter((r) => r.auth === 'moderator').map((r) => `${r.method} ${r.path}`);
    expect(moderatorOnly).toEqual(
      expect.arrayContaining([
        'post /moderation/rules',
        'get /moderation/queue',
        'get /moderation/reports',
        'post /spaces/:handle/certify',
        'post /users/:handle/tier',
      ]),
    );
    expect(moderatorOnly.every((r) => r.includes('/moderation/') || r.endsWith('/certify') || r.endsWith('/tier'))).toBe(true);
  });

  it('answers 403 to a signed-in user on every moderator endpoint, whatever the input, and 401 without a token', async () => {
    const moderator = await registerUser(hub, 'first'); // the first account of a hub is its moderator
    expect(moderator.user.role).toBe('moderator');
    const user = await registerUser(hub, 'plain');
    for (const route of hub.routes.filter((r) => r.auth === 'moderator')) {
      const path = fill(route.path);
      const asUser = await send(user.api, route.method, path);
      expect(asUser.status, `${route.method} ${route.path}`).toBe(403);
      expect(asUser.body.error.code).toBe('forbidden');
      const anon = await send(apiClient(hub.url), route.method, path);
      expect(anon.status, `${route.method} ${route.path}`).toBe(401);
    }
    // The moderator gets past the role check (a missing id is not found, an empty body is invalid).
    const listed = await moderator.api.send('GET /moderation/rules');
    expect(listed.status).toBe(200);
    expect((await moderator.api.request('POST /moderation/queue/:postId/approve', { params: { postId: missingId } })).status).toBe(404);
  });

  it('scales every budget in one place: the factory multiplies each rule it is given', async () => {
    const rule = { name: `access-test-${Date.now()}`, points: 3, perSeconds: 60 };
    const scaled = createRateLimits(undefined, 'kj', 2);
    for (let i = 0; i < 6; i++) await scaled.consume(rule, 'someone');
    await expect(scaled.consume(rule, 'someone')).rejects.toMatchObject({ code: 'rate_limited' });
    const plain = createRateLimits(undefined, 'kj');
    for (let i = 0; i < 3; i++) await plain.consume(rule, 'someone');
    await expect(plain.consume(rule, 'someone')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
