import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { GroupDto, UserDto } from '../../../shared/dto.js';
import { limits } from '../../../shared/limits.js';
import { StoreController } from '../controllers/store-controller.js';
import { api, errorText } from '../services/api.js';
import { groups } from '../services/groups.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';
import { formText } from '../form-text.js';

/** Settings → Friend groups (分组): make, rename and delete groups, and tick the friends in each. */
@localized()
@customElement('kj-groups-settings')
export class KjGroupsSettings extends LitElement {
  static override styles = [
    shared,
    css`
      form { display: flex; gap: 6px; flex-wrap: wrap; margin: 8px 0; }
      form input { flex: 1 1 8em; min-width: 0; }
      fieldset { border: 1px solid var(--kj-line); border-radius: 10px; padding: 8px 10px; margin: 10px 0; min-width: 0; }
      legend { font-weight: 700; padding: 0 4px; }
      .members { display: flex; flex-wrap: wrap; gap: 4px 14px; }
      .members label { display: flex; gap: 6px; align-items: center; font-weight: 400; margin: 0; }
      .members input { width: auto; }
    `,
  ];

  @state() private friends: UserDto[] = [];
  @state() private error = '';
  private readonly groups = new StoreController(this, groups);

  override connectedCallback(): void {
    super.connectedCallback();
    groups.load(true).catch((err: unknown) => (this.error = errorText(err)));
    api.call('GET /friends').then(
      ({ friends }) => (this.friends = friends),
      (err: unknown) => (this.error = errorText(err)),
    );
  }

  override render() {
    const mine = this.groups.store.groups;
    return html`${errorNotice(this.error)}
      <p class="muted">${msg('Groups let a post be seen by some friends only.', { id: 'groups.intro' })}</p>
      <form @submit=${this.create}>
        <label class="sr-only" for="new-group">${msg('New group name', { id: 'groups.newName' })}</label>
        <input id="new-group" name="name" required maxlength=${limits.groupNameChars} placeholder=${msg('New group name', { id: 'groups.newName' })} />
        <button type="submit" ?disabled=${mine.length >= limits.groups}>${msg('Create group', { id: 'groups.create' })}</button>
      </form>
      ${this.groups.store.loaded && mine.length === 0 ? html`<p class="muted">${msg('No groups yet.', { id: 'groups.none' })}</p>` : null}
      ${mine.map((g) => this.group(g))}`;
  }

  private group(g: GroupDto) {
    const inGroup = new Set(g.members.map((m) => m.handle));
    return html`<fieldset data-group=${g.name}>
      <legend>${g.name} <span class="muted">(${g.members.length})</span></legend>
      <form @submit=${(e: SubmitEvent) => this.rename(g, e)}>
        <label class="sr-only" for=${`name-${g.id}`}>${msg(str`Rename ${g.name}`, { id: 'groups.renameLabel' })}</label>
        <input id=${`name-${g.id}`} name="name" required maxlength=${limits.groupNameChars} .value=${g.name} />
        <button type="submit">${msg('Rename', { id: 'groups.rename' })}</button>
        <button type="button" class="danger" @click=${() => this.deleteGroup(g)} aria-label=${msg(str`Delete ${g.name}`, { id: 'groups.deleteName' })}>${msg('Delete', { id: 'common.delete' })}</button>
      </form>
      <div class="members" role="group" aria-label=${msg(str`Friends in ${g.name}`, { id: 'groups.membersOf' })}>
        ${this.friends.map(
          (f) =>
            html`<label><input type="checkbox" .checked=${inGroup.has(f.handle)} @change=${(e: Event) => this.toggle(g, f, e)} />${f.displayName}</label>`,
        )}
        ${this.friends.length === 0 ? html`<span class="muted">${msg('No friends yet. Add one by their handle.', { id: 'friends.none' })}</span>` : null}
      </div>
    </fieldset>`;
  }

  private async run(task: () => Promise<unknown>): Promise<boolean> {
    this.error = '';
    try {
      await task();
      return true;
    } catch (err) {
      this.error = errorText(err);
      return false;
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = formText(new FormData(form), 'name').trim();
    if (name && (await this.run(() => groups.create(name)))) form.reset();
  }

  private async rename(g: GroupDto, e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const name = formText(new FormData(e.target as HTMLFormElement), 'name').trim();
    if (name && name !== g.name) await this.run(() => groups.update(g.id, { name }));
  }

  private async deleteGroup(g: GroupDto): Promise<void> {
    if (confirm(msg(str`Delete the group ${g.name}? Posts shared with it will be seen by you alone.`, { id: 'groups.deleteConfirm' }))) {
      await this.run(() => groups.remove(g.id));
    }
  }

  private toggle(g: GroupDto, friend: UserDto, e: Event): Promise<boolean> {
    return this.run(() => groups.toggleMember(g, friend.handle, (e.target as HTMLInputElement).checked));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-groups-settings': KjGroupsSettings;
  }
}
