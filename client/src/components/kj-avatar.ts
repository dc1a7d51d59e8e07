import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { StoreController } from '../controllers/store-controller.js';
import { colourFor, initials } from '../format.js';
import { people } from '../services/people.js';

/**
 * A round avatar: the user's chosen photo (the small or the large rendition by size), else their
 * initials in their own colour; with an optional presence dot. A profile change pushed by the hub
 * shows at once (services/people.ts).
 * @csspart circle - the coloured circle
 */
@localized()
@customElement('kj-avatar')
export class KjAvatar extends LitElement {
  static override styles = css`
    :host { display: inline-block; position: relative; flex: none; }
    .circle {
      display: grid; place-items: center; border-radius: 50%; color: #fff; font-weight: 700;
      box-shadow: inset 0 -2px 0 rgb(0 0 0 / 0.12), 0 1px 3px rgb(0 0 0 / 0.15); user-select: none;
    }
    .dot {
      position: absolute; right: 0; bottom: 0; width: 28%; height: 28%; min-width: 9px; min-height: 9px;
      border-radius: 50%; border: 2px solid #fff; background: #adb5bd;
    }
    .dot.online { background: #37b24d; }
    img.circle { display: block; object-fit: cover; background: #dee2e6; }
  `;

  @property({ attribute: false }) user: UserDto | null = null;
  @property({ type: Number }) size = 40;
  /** Show a presence dot: true online, false offline, undefined none. */
  @property({ attribute: false }) online: boolean | undefined = undefined;
  private readonly people = new StoreController(this, people);

  override render() {
    const user = this.user ? this.people.store.latest(this.user) : null;
    const name = user?.displayName ?? '?';
    const box = `width:${this.size}px;height:${this.size}px`;
    const photo = this.size > 64 ? (user?.avatarLargeUrl ?? user?.avatarUrl) : user?.avatarUrl;
    const circle = photo
      ? html`<img class="circle" part="circle" style=${box} src=${photo} alt="" width=${this.size} height=${this.size} />`
      : html`<span class="circle" part="circle" style=${`${box};font-size:${Math.round(this.size * 0.4)}px;background:${colourFor(user?.id ?? name)}`} aria-hidden="true">${initials(name)}</span>`;
    return html`${circle}
      ${
        this.online === undefined
          ? null
          : html`<span class="dot ${this.online ? 'online' : ''}" role="img" aria-label=${this.online ? msg('online', { id: 'presence.online' }) : msg('offline', { id: 'presence.offline' })}></span>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-avatar': KjAvatar;
  }
}
