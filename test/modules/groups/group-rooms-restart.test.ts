/**
 * A hub knows who may be in a friend group (known-members.ts) from what it reads at start: someone
 * put in a group before the hub started still joins the group's room on connect, while a connect of
 * someone in no group asks the store nothing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupDto } from '../../../shared/dto.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../../server/db/embedded/index.js';
import { closeAllSockets, connectSocket, makeFriends, nextEvent, registerUsers, startTestHub, waitFor } from '../../helpers/index.js';

describe('group rooms after a restart', () => {
  let store: EmbeddedStore;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-groups-restart-'));
    store = await startEmbeddedStore({ dir });
  });
  afterAll(async () => {
    closeAllSockets();
    await store?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('a member put in a group before the hub started joins its room on connect', async () => {
    const mongodbUri = `${store.uri}/kongjian`;
    const before = await startTestHub({ mongodbUri });
    const [author, member, loner] = await registerUsers(before, ['author', 'member', 'loner']);
    await makeFriends(author!, member!);
    const group = (await author!.api.call('POST /groups', { body: { name: 'Family' } })).group as GroupDto;
    const set = await author!.api.send('PATCH /groups/:id', { params: { id: group.id }, body: { members: [member!.handle] } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await before.close();

    const hub = await startTestHub({ mongodbUri });
    try {
      // Once the start-up read is in, someone in no group is known as such...
      await waitFor(() => !hub.services.groups.mayBeMember(loner!.id), { what: 'the group members read at start' });
      // ...and the member is not mistaken for one.
      expect(hub.services.groups.mayBeMember(member!.id)).toBe(true);
      const tokens = { author: author!.token, member: member!.token };
      const socket = await connectSocket(hub, tokens.member);
      const res = await fetch(`${hub.url}/api/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.author}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'shuoshuo', text: 'family only', privacy: 'groups', groups: [group.id] }),
      });
      expect(res.status).toBe(201);
      const { post } = (await res.json()) as { post: { id: string } };
      await nextEvent(socket, 'feed:post', (p) => p.post.id === post.id);
    } finally {
      closeAllSockets();
      await hub.close();
    }
  });
});
