/**
 * Attack (timing): a hidden post answered 404 about 0.4 ms slower than a missing id (75 of 80 blind
 * guesses right), because only the hidden one went on to look up how the viewer stands to its author.
 * Now both paths run the same store commands; the test counts them (a timing figure on a shared
 * 2-core box is too noisy to assert), from the store-command metric.
 */
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';

describe('hidden vs missing post', () => {
  const hub = useTestHub();

  /** Store commands the hub has run so far (sum of the command histogram's counts). */
  async function storeCommands(): Promise<number> {
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    return [...text.matchAll(/^kj_store_command_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  }

  async function commandsFor(run: () => Promise<unknown>): Promise<number> {
    const before = await storeCommands();
    await run();
    return (await storeCommands()) - before;
  }

  it('a friends-only post a stranger may not see costs the same store work as an id that names nothing', async () => {
    const [owner, stranger] = await Promise.all([registerUser(hub, 'owner'), registerUser(hub, 'stranger')]);
    const hidden = (await owner.api.post('/posts', { kind: 'shuoshuo', text: 'friends only', privacy: 'friends' })).body.post.id;
    const missing = new Types.ObjectId().toHexString();
    // Warm both paths once (caches of the viewer's account).
    await stranger.api.get(`/posts/${hidden}`);
    await stranger.api.get(`/posts/${missing}`);
    const a = await commandsFor(async () => expect((await stranger.api.get(`/posts/${hidden}`)).status).toBe(404));
    const b = await commandsFor(async () => expect((await stranger.api.get(`/posts/${missing}`)).status).toBe(404));
    expect(a).toBeGreaterThan(1);
    expect(b).toBe(a);
  });
});
