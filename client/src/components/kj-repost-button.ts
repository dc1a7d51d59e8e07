import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PostDto } from '../../../shared/dto.js';
import { limits } from '../../../shared/limits.js';
import { icon } from '../icons.js';
import { ModalDialog } from '../controllers/modal-dialog.js';
import { api } from '../services/api.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { cardDialogStyles } from '../styles/card-dialog.js';
import { formText } from '../form-text.js';
import './kj-audience-picker.js';

/**
 * "Repost" (转载) on a post card, with the count of reposts: a dialog takes an optional comment and
 * who may see the repost (kj-audience-picker: groups and except too); the hub answers with the new post, which reaches the reposter's friends live.
 * @fires post-reposted - detail `{ post }` (the repost), after the hub stored it
 */
@localized()
@customElement('kj-repost-button')
export class KjRepostButton extends LitElement {
  static override styles = [
    shared,
    cardDialogStyles,
    css`
      .quote { color: var(--kj-muted); border-left: 3px solid var(--kj-line); padding-left: 8px; margin: 0 0 10px; overflow-wrap: anywhere; }
      .row { justify-content: flex-end; flex-wrap: wrap; margin-top: 10px; gap: 8px; }
    `,
  ];

  /** The post to repost (a repost of a repost reposts its original; the hub sees to that). */
  @property({ attribute: false }) post!: PostDto;
  @property({ type: Number }) count = 0;
  private readonly dialog = new ModalDialog(this, 'repost-title');

  override render() {
    return html`<button class="open" aria-haspopup="dialog" @click=${() => this.dialog.open()}>
        ${icon('repost')} ${msg('Repost', { id: 'repost.button' })} <span data-testid="reposts">${this.count}</span>
      </button>
      ${this.dialog.render(msg(str`Repost ${this.post.author.displayName}'s post`, { id: 'repost.title' }), () => this.form())}`;
  }

  private form() {
    const p = this.post;
    const quoted = p.kind === 'diary' ? (p.title ?? '') : p.text;
    return html`<form @submit=${this.submit}>
      ${quoted ? html`<p class="quote">${quoted.length > 140 ? `${quoted.slice(0, 139)}…` : quoted}</p>` : null}
      <label for="repost-text">${msg('Say something (optional)', { id: 'repost.comment' })}</label>
      <textarea id="repost-text" name="text" maxlength=${limits.shuoshuoChars}></textarea>
      ${this.dialog.errorLine()}
      <div class="row">
        <kj-audience-picker></kj-audience-picker>
        ${this.dialog.formButtons(msg('Repost', { id: 'repost.button' }))}
      </div>
    </form>`;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = formText(data, 'text').trim();
    const audience = this.renderRoot.querySelector('kj-audience-picker')?.audience ?? { privacy: 'friends' as const };
    await this.dialog.action.run(
      async () => {
        const { post } = await api.call('POST /posts/:id/repost', {
          params: { id: this.post.id },
          body: { ...audience, ...(text ? { text } : {}) },
        });
        this.dialog.close();
        form.reset();
        toasts.show(
          post.status === 'published' ? msg('Reposted.', { id: 'repost.done' }) : msg('Reposted — held for review.', { id: 'repost.held' }),
        );
        this.dispatchEvent(new CustomEvent('post-reposted', { detail: { post }, bubbles: true, composed: true }));
      },
      { not_found: msg('This post cannot be reposted any more.', { id: 'repost.gone' }) },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-repost-button': KjRepostButton;
  }
}
