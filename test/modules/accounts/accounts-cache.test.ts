/**
 * The accounts cache (a user is trusted as read for 5 s, forgotten at once on every node by `evict`):
 * a read that started before an eviction is answered but not kept, and a look-up by handle answers
 * from the user's fresh entry as a look-up by id does, and reads again once the entry is evicted.
 */
import mongoose, { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub } from '../../helpers/index.js';

/** Renames a user in the store itself, behind the hub's back (as an operator's edit would). */
async function renameInStore(userId: string, displayName: string): Promise<void> {
  let changed = 0;
  for (const conn of mongoose.connections.filter((c) => c.readyState === mongoose.ConnectionStates.connected && c.models.User)) {
    changed += (await conn.models.User!.updateOne({ _id: new Types.ObjectId(userId) }, { $set: { displayName } })).modifiedCount;
  }
  expect(changed).toBe(1);
}

describe('the accounts cache', () => {
  const hub = useTestHub();

  it('answers a read that raced an eviction without keeping it', async () => {
    const accounts = hub.services.accounts;
    const user = await registerUser(hub, 'racer', 'Before');
    accounts.evict(user.id);
    const racing = accounts.getUser(user.id); // reads the store…
    accounts.evict(user.id); // …while the user changes and every node is told
    expect((await racing)?.displayName).toBe('Before');
    await renameInStore(user.id, 'After');
    expect((await accounts.getUser(user.id))?.displayName).toBe('After');
  });

  it('answers a handle from the user’s fresh entry, and reads again once it is evicted', async () => {
    const accounts = hub.services.accounts;
    const user = await registerUser(hub, 'named', 'First');
    expect((await accounts.requireByHandle(user.handle)).displayName).toBe('First');
    await renameInStore(user.id, 'Second');
    // Within the entry's 5 s, as a look-up by id: the entry just read.
    expect((await accounts.requireByHandle(user.handle)).displayName).toBe('First');
    accounts.evict(user.id);
    expect((await accounts.requireByHandle(user.handle)).displayName).toBe('Second');
    await expect(accounts.requireByHandle('nobody_by_this_name')).rejects.toMatchObject({ code: 'not_found' });
  });
});
