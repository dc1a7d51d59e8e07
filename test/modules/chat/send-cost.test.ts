/**
 * What one chat send costs the store, read from the hub's own `/metrics` (every command the driver
 * sends is counted there): the peer, the friendship and the block, the message, both inbox entries and
 * the conversation's time. Its numbers come from memory once known (server/modules/chat/numbering.ts).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MessageDto } from '../../../shared/dto.js';
import { connectSocket, emitAck, makeFriends, registerUser, useTestHub } from '../../helpers/index.js';

/** Store commands the hub has sent so far (less `count`: the scrape's own gauges, never a send's). */
async function storeCommands(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('kj_store_command_duration_seconds_count') && !line.includes('command="count"'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('the cost of a chat send', () => {
  const hub = useTestHub();

  it('a send between friends whose numbers are known takes at most 7 store commands, and a retry stores nothing new', async () => {
    const [alice, bob] = await Promise.all([registerUser(hub, 'alice'), registerUser(hub, 'bob')]);
    await makeFriends(alice, bob);
    const [alicePhone, bobPhone] = await Promise.all([connectSocket(hub, alice.token), connectSocket(hub, bob.token)]);
    // The first messages read the last numbers of the conversation and both inboxes.
    await emitAck(alicePhone, 'chat:send', { to: bob.handle, text: '早', clientId: randomUUID() });
    await emitAck(bobPhone, 'chat:send', { to: alice.handle, text: '早呀', clientId: randomUUID() });
    const costs: number[] = [];
    let last = 0;
    for (let i = 0; i < 3; i++) {
      const before = await storeCommands(hub.url);
      const answer = await emitAck(alicePhone, 'chat:send', { to: bob.handle, text: `第${i + 1}条`, clientId: randomUUID() });
      costs.push((await storeCommands(hub.url)) - before);
      expect(answer).toMatchObject({ ok: true, message: { seq: 3 + i, inboxSeq: 3 + i } });
      if (answer.ok) last = answer.message.seq;
    }
    // The fewest of three: a background job of the hub may land in one of them.
    expect(Math.min(...costs)).toBeLessThanOrEqual(7);

    const clientId = randomUUID();
    const first = await emitAck(alicePhone, 'chat:send', { to: bob.handle, text: '只一次', clientId });
    const retry = await emitAck(alicePhone, 'chat:send', { to: bob.handle, text: '只一次', clientId });
    expect(first).toMatchObject({ ok: true, message: { seq: last + 1, inboxSeq: last + 1 } });
    expect(retry).toEqual(first);
    const next = await emitAck(bobPhone, 'chat:send', { to: alice.handle, text: '收到', clientId: randomUUID() });
    expect(next).toMatchObject({ ok: true, message: { seq: last + 2, inboxSeq: last + 2 } });
    const history = await bob.api.send('GET /conversations/:handle/messages', { params: { handle: alice.handle } });
    expect(history.body.messages.map((m: MessageDto) => m.seq)).toEqual(Array.from({ length: last + 2 }, (_, i) => last + 2 - i));
    const synced = await emitAck(bobPhone, 'chat:sync', { after: 0 });
    expect(synced).toMatchObject({ ok: true });
    expect((synced as { messages: ReadonlyArray<{ inboxSeq: number }> }).messages.map((m) => m.inboxSeq)).toEqual(
      Array.from({ length: last + 2 }, (_, i) => i + 1),
    );
  });
});
