/**
 * Who may be in a friend group (known-members.ts), so that everyone else's connect reads no group
 * rooms: read from a real store at start, added to before a group gains members, and "maybe" for
 * everyone on a cluster or until the read is in.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { createKnownMembers } from '../../../server/modules/groups/known-members.js';
import { groupModel } from '../../../server/modules/groups/model.js';

describe('known group members', () => {
  let store: EmbeddedStore;
  let dir: string;
  let conn: Connection;
  const [owner, member, other, stranger] = Array.from({ length: 4 }, () => new Types.ObjectId());

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-known-'));
    store = await startEmbeddedStore({ dir });
    conn = await mongoose.createConnection(`${store.uri}/kongjian`).asPromise();
    await groupModel(conn).create({ owner, name: 'Family', members: [member!, other!], createdAt: new Date() });
  });
  afterAll(async () => {
    await conn?.close();
    await store?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('is "maybe" for everyone until the start-up read is in, then only for members', async () => {
    const known = createKnownMembers({ groups: groupModel(conn), clustered: false });
    expect(known.mayBeMember(stranger!.toHexString())).toBe(true);
    await known.ready;
    expect(known.mayBeMember(member!.toHexString())).toBe(true);
    expect(known.mayBeMember(other!.toHexString())).toBe(true);
    expect(known.mayBeMember(stranger!.toHexString())).toBe(false);
    expect(known.mayBeMember(owner!.toHexString())).toBe(false);
  });

  it('counts someone being added as a member from then on', async () => {
    const known = createKnownMembers({ groups: groupModel(conn), clustered: false });
    await known.ready;
    known.adding([stranger!.toHexString()]);
    expect(known.mayBeMember(stranger!.toHexString())).toBe(true);
  });

  it('is always "maybe" on a cluster, where other nodes add members', async () => {
    const known = createKnownMembers({ groups: groupModel(conn), clustered: true });
    await known.ready;
    expect(known.mayBeMember(stranger!.toHexString())).toBe(true);
  });
});
