/**
 * The signed-in user's friend groups (分组, `GET /api/groups`), shared by the groups screen in
 * settings, the quick "groups" menu on a friend and the composer's audience picker, so a change in
 * one shows in the others at once.
 */
import type { GroupDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { SignedInList } from './signed-in-list.js';

class Groups extends SignedInList<GroupDto> {
  get groups(): readonly GroupDto[] {
    return this.items;
  }

  protected async fetch(): Promise<GroupDto[]> {
    return (await api.call('GET /groups')).groups;
  }

  async create(name: string): Promise<GroupDto> {
    const { group } = await api.call('POST /groups', { body: { name } });
    this.replace([...this.items, group]);
    return group;
  }

  /** Renames a group and/or replaces its members (by handle; friends only). */
  async update(id: string, change: { name?: string; members?: string[] }): Promise<void> {
    const { group } = await api.call('PATCH /groups/:id', { params: { id }, body: change });
    this.replace(this.items.map((g) => (g.id === id ? group : g)));
  }

  /** Puts `handle` into the group or takes them out of it. */
  toggleMember(group: GroupDto, handle: string, inGroup: boolean): Promise<void> {
    const others = group.members.map((m) => m.handle).filter((h) => h !== handle);
    return this.update(group.id, { members: inGroup ? [...others, handle] : others });
  }

  async remove(id: string): Promise<void> {
    await api.call('DELETE /groups/:id', { params: { id } });
    this.replace(this.items.filter((g) => g.id !== id));
  }
}

export const groups = new Groups();
