/**
 * The signed-in user's friend groups (分组, `GET /api/groups`), shared by the groups screen in
 * settings, the quick "groups" menu on a friend and the composer's audience picker, so a change in
 * one shows in the others at once.
 */
import type { GroupDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { session } from './session.js';

class Groups extends EventTarget {
  groups: GroupDto[] = [];
  loaded = false;
  private loading: Promise<void> | null = null;

  constructor() {
    super();
    session.addEventListener('change', () => {
      if (session.status !== 'signed-in') this.set([], false);
    });
  }

  /** Loads the groups once per sign-in (again when `force`). */
  load(force = false): Promise<void> {
    if (this.loaded && !force) return Promise.resolve();
    this.loading ??= api
      .call('GET /groups')
      .then(({ groups }) => this.set(groups, true))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  async create(name: string): Promise<GroupDto> {
    const { group } = await api.call('POST /groups', { body: { name } });
    this.set([...this.groups, group], this.loaded);
    return group;
  }

  /** Renames a group and/or replaces its members (by handle; friends only). */
  async update(id: string, change: { name?: string; members?: string[] }): Promise<void> {
    const { group } = await api.call('PATCH /groups/:id', { params: { id }, body: change });
    this.set(
      this.groups.map((g) => (g.id === id ? group : g)),
      this.loaded,
    );
  }

  /** Puts `handle` into the group or takes them out of it. */
  toggleMember(group: GroupDto, handle: string, inGroup: boolean): Promise<void> {
    const others = group.members.map((m) => m.handle).filter((h) => h !== handle);
    return this.update(group.id, { members: inGroup ? [...others, handle] : others });
  }

  async remove(id: string): Promise<void> {
    await api.call('DELETE /groups/:id', { params: { id } });
    this.set(
      this.groups.filter((g) => g.id !== id),
      this.loaded,
    );
  }

  private set(groups: GroupDto[], loaded: boolean): void {
    this.groups = groups;
    this.loaded = loaded;
    this.dispatchEvent(new Event('change'));
  }
}

export const groups = new Groups();
