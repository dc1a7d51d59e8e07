/**
 * Hidden visits (隐身访问, v1.2): a yellow-tier visitor who turned them on is neither recorded, counted
 * nor announced; a basic-tier user may not turn them on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  connectSocket,
  emitAck,
  engines,
  errorOf,
  expectNoEvent,
  nextEvent,
  registerUser,
  type TestUser,
  useTestHub,
} from '../../helpers/index.js';

describe.each(engines)('hidden visits on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;
  beforeAll(async () => {
    moderator = await registerUser(hub, 'mod');
  });

  it('a basic-tier user is forbidden to hide visits; turning them off is always fine', async () => {
    const basic = await registerUser(hub, 'basic');
    const res = await basic.api.request('PATCH /me', { body: { hiddenVisits: true } });
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
    expect((await basic.api.call('PATCH /me', { body: { hiddenVisits: false } })).user.hiddenVisits).toBeUndefined();
    expect((await basic.api.patch('/me', { hiddenVisits: 'yes' })).status).toBe(400);
  });

  it('a yellow member’s hidden visit is not recorded, counted or announced; a visible one is', async () => {
    const owner = await registerUser(hub, 'owner');
    const guest = await registerUser(hub, 'guest');
    expect(
      (await moderator.api.send('POST /users/:handle/tier', { params: { handle: guest.handle }, body: { tier: 'yellow' } })).status,
    ).toBe(200);
    const on = await guest.api.send('PATCH /me', { body: { hiddenVisits: true } });
    expect(on.status).toBe(200);
    expect(on.body.user.hiddenVisits).toBe(true);
    expect((await guest.api.call('GET /me')).user.hiddenVisits).toBe(true);

    const [ownerSocket, guestSocket] = await Promise.all([connectSocket(hub, owner.token), connectSocket(hub, guest.token)]);
    expect((await guest.api.send('POST /spaces/:handle/visit', { params: { handle: owner.handle } })).status).toBe(204);
    expect(await emitAck(guestSocket, 'space:enter', { handle: owner.handle })).toEqual({ ok: true });
    await expectNoEvent(ownerSocket, 'space:visitor');
    expect((await owner.api.call('GET /spaces/:handle/visitors', { params: { handle: owner.handle } })).visitors).toEqual([]);
    expect((await owner.api.call('GET /spaces/:handle', { params: { handle: owner.handle } })).space.stats.visits).toBe(0);

    // Visible again: the next visit counts and is announced.
    expect((await guest.api.call('PATCH /me', { body: { hiddenVisits: false } })).user.hiddenVisits).toBeUndefined();
    const seen = nextEvent(ownerSocket, 'space:visitor');
    expect((await guest.api.send('POST /spaces/:handle/visit', { params: { handle: owner.handle } })).status).toBe(204);
    expect((await seen).visitor.id).toBe(guest.id);
    expect((await owner.api.call('GET /spaces/:handle', { params: { handle: owner.handle } })).space.stats.visits).toBe(1);
  });
});
