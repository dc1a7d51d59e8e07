import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PhotoDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { SessionController } from '../controllers/session-controller.js';
import { ActionStatus } from '../controllers/action-status.js';
import { api } from '../services/api.js';
import { people } from '../services/people.js';
import { avatarCandidates } from '../services/photos.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { formText } from '../form-text.js';
import './kj-avatar.js';
import './kj-avatar-upload.js';

/**
 * Settings → Profile: display name, bio, and an avatar chosen from one's own photos (the hub cuts it
 * square). Saving tells friends' open pages at once (`user:updated`); errors stay in the form.
 */
@localized()
@customElement('kj-profile-form')
export class KjProfileForm extends LitElement {
  static override styles = [
    shared,
    css`
      form { display: grid; gap: 10px; }
      label { font-weight: 600; font-size: 0.9rem; }
      textarea { min-height: 64px; resize: vertical; }
      .current { display: flex; align-items: center; gap: 12px; }
      fieldset { border: 1px solid var(--kj-line); border-radius: 12px; padding: 8px; margin: 0; }
      legend { font-weight: 600; font-size: 0.9rem; padding: 0 4px; }
      .photos { display: flex; flex-wrap: wrap; gap: 6px; max-height: 220px; overflow: auto; }
      .pick { position: relative; }
      .pick input { position: absolute; opacity: 0; inset: 0; margin: 0; }
      .pick img, .pick .none { display: block; width: 56px; height: 56px; object-fit: cover; border-radius: 10px; border: 3px solid transparent; }
      .pick .none { display: grid; place-items: center; background: var(--kj-bg, #f1f3f5); font-size: 0.75rem; text-align: center; }
      .pick input:checked + img, .pick input:checked + .none { border-color: var(--kj-accent-strong); }
      .pick input:focus-visible + img, .pick input:focus-visible + .none { outline: 3px solid var(--kj-accent-strong); outline-offset: 2px; }
    `,
  ];

  @state() private photos: PhotoDto[] = [];
  /** The avatar to send: a photo id, null for none, undefined to keep the current one. */
  @state() private avatar: string | null | undefined = undefined;
  private readonly action = new ActionStatus(this);
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.loadPhotos() });

  override render() {
    const me = this.session.me;
    if (!me) return null;
    return html`<form @submit=${this.save} aria-describedby=${this.action.error ? 'profile-error' : ''}>
      <div class="current">
        <kj-avatar .user=${me} size="64"></kj-avatar>
        <div><b data-testid="profile-name">${me.displayName}</b><div class="muted">@${me.handle}</div></div>
      </div>
      <label for="display-name">${msg('Display name', { id: 'profile.displayName' })}</label>
      <input id="display-name" name="displayName" .value=${me.displayName} maxlength="40" required autocomplete="nickname" />
      <label for="bio">${msg('About me', { id: 'profile.bio' })}</label>
      <textarea id="bio" name="bio" .value=${me.bio ?? ''} maxlength="200"></textarea>
      <kj-avatar-upload></kj-avatar-upload>
      <fieldset>
        <legend>${msg('Avatar: one of your photos', { id: 'profile.avatar' })}</legend>
        <div class="photos" role="radiogroup" aria-label=${msg('Avatar: one of your photos', { id: 'profile.avatar' })}>
          <label class="pick">
            <input type="radio" name="avatar" value="" .checked=${this.avatar === null} @change=${() => (this.avatar = null)} />
            <span class="none">${msg('No photo', { id: 'profile.noAvatar' })}</span>
          </label>
          ${this.photos.map(
            (p, i) => html`<label class="pick">
              <input type="radio" name="avatar" value=${p.id} .checked=${this.avatar === p.id} @change=${() => (this.avatar = p.id)}
                aria-label=${p.caption || msg(str`Photo ${i + 1}`, { id: 'profile.photoN' })} />
              <img src=${p.thumbUrl} alt="" loading="lazy" />
            </label>`,
          )}
        </div>
        ${this.photos.length === 0 ? html`<p class="muted">${msg('Upload photos to an album to choose one as your avatar.', { id: 'profile.noPhotos' })}</p>` : null}
      </fieldset>
      ${this.action.error ? html`<p id="profile-error" class="notice error" role="alert">${this.action.error}</p>` : null}
      <div><button class="primary" type="submit" ?disabled=${this.action.busy}>${msg('Save profile', { id: 'profile.save' })}</button></div>
    </form>`;
  }

  /** The newest photos of the user's first albums, as avatar candidates. */
  private async loadPhotos(): Promise<void> {
    const handle = this.session.me?.handle;
    if (!handle) return;
    await this.loads.load(
      async (signal) => {
        this.photos = await avatarCandidates(handle, signal);
      },
      (message) => this.action.fail(message),
    );
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const body: { displayName: string; bio: string; avatar?: string | null } = {
      displayName: formText(data, 'displayName').trim(),
      bio: formText(data, 'bio').trim(),
    };
    if (this.avatar !== undefined) body.avatar = this.avatar;
    await this.action.run(async () => {
      const { user } = await api.call('PATCH /me', { body });
      people.learn(user);
      this.avatar = undefined;
      toasts.show(msg('Profile saved.', { id: 'profile.saved' }), { tone: 'success' });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-profile-form': KjProfileForm;
  }
}
