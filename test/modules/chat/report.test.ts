import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectSocket, engines, makeFriends, nextEvent, registerUser, useTestHub } from '../../helpers/index.js';

describe.each(engines)('reporting a private message on %s', (engine) => {
  const hub = useTestHub({ engine });

  it('carries that one message alone; only its two people may report it; removal recalls it live', async () => {
    const moderator = await registerUser(hub, 'moderator'); // the first account is a moderator
    const [alice, bob, eve] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob'), registerUser(hub, 'eve')]);
    await makeFriends(alice, bob);
    const send = (text: string) =>
      alice.api.send('POST /conversations/:handle/messages', { params: { handle: bob.handle }, body: { text, clientId: randomUUID() } });
    await send('an ordinary hello');
    const bad = (await send('buy cheap followers now')).body.message;
    await send('and another thing');

    expect((await eve.api.request('POST /reports', { body: { subject: { kind: 'message', id: bad.id }, reason: 'spam' } })).status).toBe(
      404,
    );
    expect(
      (await moderator.api.request('POST /reports', { body: { subject: { kind: 'message', id: bad.id }, reason: 'spam' } })).status,
    ).toBe(404);
    const made = await bob.api.send('POST /reports', { body: { subject: { kind: 'message', id: bad.id }, reason: 'spam' } });
    expect(made.status).toBe(201);
    expect(made.body.report.subject).toEqual({ kind: 'message', id: bad.id, excerpt: 'buy cheap followers now' });

    const queue = await moderator.api.send('GET /moderation/reports');
    const listed = JSON.stringify(queue.body);
    expect(listed).toContain('buy cheap followers now');
    expect(listed).not.toContain('an ordinary hello');
    expect(listed).not.toContain('and another thing');

    const bobSocket = await connectSocket(hub, bob.token);
    const resolved = await moderator.api.send('POST /moderation/reports/:id/resolve', {
      params: { id: made.body.report.id },
      body: { action: 'remove' },
    });
    expect(resolved.status).toBe(200);
    expect(await nextEvent(bobSocket, 'chat:recall')).toEqual({ conversationId: bad.conversationId, messageId: bad.id });
    const history = (await bob.api.call('GET /conversations/:handle/messages', { params: { handle: alice.handle } })).messages;
    const removed = history.find((m: { id: string }) => m.id === bad.id);
    expect(removed).toMatchObject({ recalled: true });
    expect(removed?.text).toBeUndefined();
  });
});
