/**
 * Hidden visits (隐身访问, v1.2): a yellow-tier visitor who turned them on is neither recorded, counted
 * nor announced; a basic-tier user may not turn them on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, emitAck, engines, expectNoEvent, nextEvent, registerUser, type TestUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('hidden visits on %s', (engine) => {
  const hub = useTestHub({ engine });
  let moderator: TestUser;
  beforeAll(async () => {
    moderator = await registerUser(hub, 'mod');
  });

  it('a basic-tier user is forbidden to hide visits; turning them off is always fine', async () => {
    const basic = await registerUser(hub, 'basic');
    const res = await basic.api.patch('/me', { hiddenVisits: true });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await basic.api.patch('/me', { hiddenVisits: false })).body.user.hiddenVisits).toBeUndefined();
    expect((await basic.api.patch('/me', { hiddenVisits: 'yes' })).status).toBe(400);
  });

  it('a yellow member’s hidden visit is not recorded, counted or announced; a visible one is', async () => {
    const owner = await registerUser(hub, 'owner');
    const guest = await registerUser(hub, 'guest');
    expect((await moderator.api.post(`/users/${guest.handle}/tier`, { tier: 'yellow' })).status).toBe(200);
    const on = await guest.api.patch('/me', { hiddenVisits: true });
    expect(on.status).toBe(200);
    expect(on.body.user.hiddenVisits).toBe(true);
    expect((await guest.api.get('/me')).body.user.hiddenVisits).toBe(true);

    const [ownerSocket, guestSocket] = await Promise.all([connectSocket(hub, owner.token), connectSocket(hub, guest.token)]);
    expect((await guest.api.post(`/spaces/${owner.handle}/visit`)).status).toBe(204);
    expect(await emitAck(guestSocket, 'space:enter', { handle: owner.handle })).toEqual({ ok: true });
    await expectNoEvent(ownerSocket, 'space:visitor');
    expect((await owner.api.get(`/spaces/${owner.handle}/visitors`)).body.visitors).toEqual([]);
    expect((await owner.api.get(`/spaces/${owner.handle}`)).body.space.stats.visits).toBe(0);

    // Visible again: the next visit counts and is announced.
    expect((await guest.api.patch('/me', { hiddenVisits: false })).body.user.hiddenVisits).toBeUndefined();
    const seen = nextEvent(ownerSocket, 'space:visitor');
    expect((await guest.api.post(`/spaces/${owner.handle}/visit`)).status).toBe(204);
    expect((await seen).visitor.id).toBe(guest.id);
    expect((await owner.api.get(`/spaces/${owner.handle}`)).body.space.stats.visits).toBe(1);
  });
});
