/**
 * The signed-in user's friend groups (分组, `GET /api/groups`), shared by the groups screen in
 * settings, the quick "groups" menu on a friend and the composer's audience picker, so a change in
 * one shows in the others at once.
 */
import type { GroupDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { realtime } from './realtime.js';
import { SignedInList } from './signed-in-list.js';

class Groups extends SignedInList<GroupDto> {
  constructor() {
    super();
    realtime.on('group:update', ({ group }) => this.loaded && this.upsert(group));
    realtime.on('group:remove', ({ groupId }) => this.loaded && this.replace(this.items.filter((g) => g.id !== groupId)));
    realtime.on('friend:change', ({ friends }) => !friends && this.loaded && void this.load(true));
    realtime.addEventListener('connected', (e) => {
      if (this.loaded && (e as CustomEvent<{ reconnected: boolean }>).detail.reconnected) void this.load(true);
    });
  }

  get groups(): readonly GroupDto[] {
    return this.items;
  }

  protected async fetch(): Promise<GroupDto[]> {
    return (await api.call('GET /groups')).groups;
  }

  async create(name: string): Promise<GroupDto> {
    const { group } = await api.call('POST /groups', { body: { name } });
    this.upsert(group);
    return group;
  }

  /** Renames a group and/or replaces its members (by handle; friends only). */
  async update(id: string, change: { name?: string; members?: string[] }): Promise<void> {
    const { group } = await api.call('PATCH /groups/:id', { params: { id }, body: change });
    this.upsert(group);
  }

  /** Puts `handle` into the group or takes them out of it. */
  toggleMember(group: GroupDto, handle: string, inGroup: boolean): Promise<void> {
    const others = group.members.map((m) => m.handle).filter((h) => h !== handle);
    return this.update(group.id, { members: inGroup ? [...others, handle] : others });
  }

  /** The group as it is now: in its place, or last if new (the push and the answer may come in either order). */
  private upsert(group: GroupDto): void {
    const known = this.items.some((g) => g.id === group.id);
    this.replace(known ? this.items.map((g) => (g.id === group.id ? group : g)) : [...this.items, group]);
  }

  async remove(id: string): Promise<void> {
    await api.call('DELETE /groups/:id', { params: { id } });
    this.replace(this.items.filter((g) => g.id !== id));
  }
}

export const groups = new Groups();
