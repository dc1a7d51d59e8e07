import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PostDto } from '../../../shared/dto.js';
import { limits } from '../../../shared/limits.js';
import { icon } from '../icons.js';
import { ApiError, api, errorText } from '../services/api.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { cardDialogStyles } from '../styles/card-dialog.js';
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
  @state() private busy = false;
  /** The dialog's content is drawn only while it is open (a closed one adds no text to the page). */
  @state() private showing = false;
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  override render() {
    return html`<button class="open" aria-haspopup="dialog" @click=${this.openDialog}>
        ${icon('repost')} ${msg('Repost', { id: 'repost.button' })} <span data-testid="reposts">${this.count}</span>
      </button>
      <dialog aria-labelledby=${this.showing ? 'repost-title' : nothing} @close=${() => ((this.error = ''), (this.showing = false))}>
        ${this.showing ? this.form() : null}
      </dialog>`;
  }

  private form() {
    const p = this.post;
    const quoted = p.kind === 'diary' ? (p.title ?? '') : p.text;
    return html`<form @submit=${this.submit}>
      <h2 id="repost-title">${msg(str`Repost ${p.author.displayName}'s post`, { id: 'repost.title' })}</h2>
      ${quoted ? html`<p class="quote">${quoted.length > 140 ? `${quoted.slice(0, 139)}…` : quoted}</p>` : null}
      <label for="repost-text">${msg('Say something (optional)', { id: 'repost.comment' })}</label>
      <textarea id="repost-text" name="text" maxlength=${limits.shuoshuoChars}></textarea>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : null}
      <div class="row">
        <kj-audience-picker></kj-audience-picker>
        <button type="button" @click=${() => this.dialog.close()}>${msg('Cancel', { id: 'social.cancel' })}</button>
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Repost', { id: 'repost.button' })}</button>
      </div>
    </form>`;
  }

  private async openDialog(): Promise<void> {
    this.error = '';
    this.showing = true;
    await this.updateComplete;
    this.dialog.showModal();
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const audience = this.renderRoot.querySelector('kj-audience-picker')?.audience ?? { privacy: 'friends' as const };
    this.busy = true;
    try {
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
    } catch (err) {
      this.error =
        err instanceof ApiError && err.code === 'not_found'
          ? msg('This post cannot be reposted any more.', { id: 'repost.gone' })
          : errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-repost-button': KjRepostButton;
  }
}
