import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Privacy, UserDto } from '../../../shared/dto.js';
import { StoreController } from '../controllers/store-controller.js';
import { privacyLabel } from '../format.js';
import { api, errorText } from '../services/api.js';
import { groups } from '../services/groups.js';
import { shared } from '../styles/shared.js';
import { errorNotice } from '../error-notice.js';

/** What a post (or album) body carries about who may see it. */
export interface Audience {
  readonly privacy: Privacy;
  readonly groups?: string[];
  readonly except?: string[];
}

type Choice = 'public' | 'friends' | 'except' | 'groups' | 'private';

/**
 * Who may see a post: everyone, friends, friends except some (不给谁看), some of my groups
 * (部分好友可见), or only me. The friends or groups to tick appear below the choice. Used by the
 * composer, the new-album form and the repost dialog.
 */
@localized()
@customElement('kj-audience-picker')
export class KjAudiencePicker extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: contents; }
      select { width: auto; max-width: 100%; }
      fieldset { flex: 1 1 100%; order: 10; border: 1px solid var(--kj-line); border-radius: 10px; padding: 6px 10px; margin: 0; min-width: 0; }
      legend { font-size: 0.85rem; padding: 0 4px; }
      .ticks { display: flex; flex-wrap: wrap; gap: 4px 14px; max-height: 9em; overflow: auto; }
      label.tick { display: flex; gap: 6px; align-items: center; font-weight: 400; margin: 0; }
      label.tick input { width: auto; }
    `,
  ];

  /** Shows the "Who can see it" label (otherwise it is for screen readers only). */
  @property({ type: Boolean, attribute: 'show-label' }) showLabel = false;
  @state() private choice: Choice = 'friends';
  @state() private picked = new Set<string>();
  @state() private friends: UserDto[] = [];
  @state() private error = '';
  private readonly groups = new StoreController(this, groups);

  /** The body fields for the current choice. */
  get audience(): Audience {
    const picked = [...this.picked];
    if (this.choice === 'except') return picked.length ? { privacy: 'friends', except: picked } : { privacy: 'friends' };
    if (this.choice === 'groups') return { privacy: 'groups', groups: picked };
    return { privacy: this.choice };
  }

  /** Back to the default (friends), after a post went out. */
  reset(): void {
    this.choice = 'friends';
    this.picked = new Set();
  }

  override render() {
    const labels: Record<Choice, string> = {
      public: privacyLabel.public,
      friends: privacyLabel.friends,
      except: msg('Friends except…', { id: 'audience.except' }),
      groups: msg('Groups…', { id: 'audience.groups' }),
      private: privacyLabel.private,
    };
    return html`<label class=${this.showLabel ? '' : 'sr-only'} for="privacy">${msg('Who can see it', { id: 'composer.privacy' })}</label>
      <select id="privacy" name="privacy" .value=${this.choice} @change=${this.choose}>
        ${(['friends', 'public', 'except', 'groups', 'private'] as const).map((c) => html`<option value=${c} ?selected=${c === this.choice}>${labels[c]}</option>`)}
      </select>
      ${
        this.choice === 'except'
          ? this.ticks(
              msg('Hide it from', { id: 'audience.hideFrom' }),
              this.friends.map((f) => [f.handle, f.displayName]),
            )
          : null
      }
      ${
        this.choice === 'groups'
          ? this.ticks(
              msg('Show it to', { id: 'audience.showTo' }),
              this.groups.store.groups.map((g) => [g.id, g.name]),
            )
          : null
      }`;
  }

  private ticks(legend: string, options: readonly (readonly [string, string])[]) {
    const none =
      this.choice === 'groups'
        ? msg('No groups yet: make them in Settings.', { id: 'groups.noneYet' })
        : msg('No friends yet. Add one by their handle.', { id: 'friends.none' });
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="ticks">
        ${options.map(
          ([value, label]) =>
            html`<label class="tick"><input type="checkbox" data-audience=${value} .checked=${this.picked.has(value)} @change=${(e: Event) => this.tick(value, e)} />${label}</label>`,
        )}
        ${options.length === 0 ? html`<span class="muted">${none}</span>` : null}
      </div>
      ${errorNotice(this.error)}
    </fieldset>`;
  }

  private choose(e: Event): void {
    this.choice = (e.target as HTMLSelectElement).value as Choice;
    this.picked = new Set();
    this.error = '';
    if (this.choice === 'groups') groups.load().catch((err: unknown) => (this.error = errorText(err)));
    if (this.choice === 'except' && this.friends.length === 0) {
      api.call('GET /friends').then(
        ({ friends }) => (this.friends = friends),
        (err: unknown) => (this.error = errorText(err)),
      );
    }
  }

  private tick(value: string, e: Event): void {
    const next = new Set(this.picked);
    if ((e.target as HTMLInputElement).checked) next.add(value);
    else next.delete(value);
    this.picked = next;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-audience-picker': KjAudiencePicker;
  }
}
