import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SpaceDto, Tier } from '../../../shared/dto.js';
import { api, errorText } from '../services/api.js';
import { shared } from '../styles/shared.js';

/**
 * What a moderator may change about a space and its owner, on the space itself: certify or
 * uncertify it, and set the owner's tier (basic or yellow, which sets their photo quota).
 * @fires space-certified - detail `{ certified }`, after the hub took the change
 * @fires tier-changed - detail `{ user }`, after the hub took the change
 */
@localized()
@customElement('kj-moderator-tools')
export class KjModeratorTools extends LitElement {
  static override styles = [shared, css`.card { border-style: dashed; } select { width: auto; }`];

  @property({ attribute: false }) space!: SpaceDto;
  @state() private tier: Tier | null = null;
  @state() private busy = false;
  @state() private message = '';
  @state() private failed = false;

  override render() {
    const s = this.space;
    const tier = this.tier ?? s.owner.tier;
    return html`<section class="card" aria-labelledby="mod-tools">
      <h2 id="mod-tools">${msg('Moderator tools', { id: 'modTools.title' })}</h2>
      <div class="row">
        <button ?disabled=${this.busy} @click=${() => this.certify(!s.certified)}>
          ${s.certified ? msg('Remove certification', { id: 'modTools.uncertify' }) : msg('Certify this space', { id: 'modTools.certify' })}</button>
        <label for="tier" class="sr-only">${msg('Tier of the owner', { id: 'modTools.tierLabel' })}</label>
        <select id="tier" .value=${tier} ?disabled=${this.busy} @change=${(e: Event) => this.setTier((e.target as HTMLSelectElement).value as Tier)}>
          <option value="basic" ?selected=${tier === 'basic'}>${msg('Basic tier', { id: 'modTools.basic' })}</option>
          <option value="yellow" ?selected=${tier === 'yellow'}>${msg('Yellow tier (黄钻)', { id: 'modTools.yellow' })}</option>
        </select>
      </div>
      ${this.message ? html`<p class="notice ${this.failed ? 'error' : ''}" role="status">${this.message}</p>` : null}
    </section>`;
  }

  private async certify(certified: boolean): Promise<void> {
    await this.run(async () => {
      const res = await api.call('POST /spaces/:handle/certify', { params: { handle: this.space.owner.handle }, body: { certified } });
      this.dispatchEvent(new CustomEvent('space-certified', { detail: { certified: res.certified }, bubbles: true, composed: true }));
      return res.certified
        ? msg('Certified.', { id: 'modTools.certified' })
        : msg('Certification removed.', { id: 'modTools.uncertified' });
    });
  }

  private async setTier(tier: Tier): Promise<void> {
    await this.run(async () => {
      const { user } = await api.call('POST /users/:handle/tier', { params: { handle: this.space.owner.handle }, body: { tier } });
      this.tier = user.tier;
      this.dispatchEvent(new CustomEvent('tier-changed', { detail: { user }, bubbles: true, composed: true }));
      return msg('Tier saved.', { id: 'modTools.tierSaved' });
    });
  }

  private async run(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    try {
      this.message = await work();
      this.failed = false;
    } catch (err) {
      this.message = errorText(err);
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-moderator-tools': KjModeratorTools;
  }
}
