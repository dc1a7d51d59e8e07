import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { UserDto } from '../../../shared/dto.js';
import { StoreController } from '../controllers/store-controller.js';
import { errorText } from '../services/api.js';
import { blocks } from '../services/blocks.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';

/**
 * Block or unblock the owner of the space on screen. Blocking asks first, then ends the friendship
 * and everything pending between the two; the blocked person's open pages lose this space at once.
 * @fires block-change - `{ blocked }` after a block or an unblock went through
 */
@localized()
@customElement('kj-block-button')
export class KjBlockButton extends LitElement {
  static override styles = [shared];

  @property({ attribute: false }) user!: UserDto;
  @state() private busy = false;
  private readonly blocks = new StoreController(this, blocks);

  override connectedCallback(): void {
    super.connectedCallback();
    blocks.load().catch((err: unknown) => toasts.show(errorText(err), { tone: 'error' }));
  }

  override render() {
    if (!this.blocks.store.loaded) return null;
    const blocked = this.blocks.store.has(this.user.id);
    return blocked
      ? html`<button ?disabled=${this.busy} @click=${this.unblock}>${msg('Unblock', { id: 'blocking.unblock' })}</button>`
      : html`<button class="ghost danger" ?disabled=${this.busy} @click=${this.block}>${msg('Block', { id: 'blocking.block' })}</button>`;
  }

  private async block(): Promise<void> {
    const name = this.user.displayName;
    if (
      !confirm(
        msg(str`Block ${name}? You will no longer be friends, and they will not see your space or be able to reach you.`, {
          id: 'blocking.confirm',
        }),
      )
    )
      return;
    await this.run(() => blocks.block(this.user), msg(str`You blocked ${name}.`, { id: 'blocking.done' }), true);
  }

  private async unblock(): Promise<void> {
    await this.run(() => blocks.unblock(this.user), msg(str`You unblocked ${this.user.displayName}.`, { id: 'blocking.undone' }), false);
  }

  private async run(action: () => Promise<void>, done: string, blocked: boolean): Promise<void> {
    this.busy = true;
    try {
      await action();
      toasts.show(done, { tone: 'success' });
      this.dispatchEvent(new CustomEvent('block-change', { detail: { blocked }, bubbles: true, composed: true }));
    } catch (err) {
      toasts.show(errorText(err), { tone: 'error' });
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-block-button': KjBlockButton;
  }
}
