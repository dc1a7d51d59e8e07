import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { GuestbookEntryDto } from '../../../shared/dto.js';
import { timeAgo } from '../format.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { StatusLine } from '../controllers/status-line.js';
import { formText } from '../form-text.js';

/**
 * The owner's reply under a guestbook entry (主人回复, v1.2): shown to whoever sees the entry; the owner
 * writes, edits or removes it. The guestbook applies live changes (`guestbook:reply`) to `entry`.
 */
@localized()
@customElement('kj-guestbook-reply')
export class KjGuestbookReply extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .reply { margin: 6px 0 0; padding: 6px 10px; border-inline-start: 3px solid var(--kj-accent); background: var(--kj-bg, transparent); white-space: pre-wrap; overflow-wrap: anywhere; }
      form { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
      input { flex: 1; min-width: 0; }
      .small { min-height: 0; padding: 0 6px; font-size: 0.82rem; }
    `,
  ];

  @property({ attribute: false }) entry!: GuestbookEntryDto;
  @property({ type: Boolean, attribute: 'is-owner' }) isOwner = false;
  @state() private editing = false;
  private readonly status = new StatusLine(this);

  override render() {
    const { reply } = this.entry;
    return html`${
      reply
        ? html`<p class="reply"><b>${msg('Owner’s reply', { id: 'circles.ownerReply' })}</b>${msg(': ', { id: 'common.colon' })}${reply.text}
            <span class="muted">· ${timeAgo(reply.at)}</span></p>`
        : null
    }
      ${
        this.isOwner && !this.entry.pending
          ? this.editing
            ? html`<form @submit=${this.save}>
                <label class="sr-only" for="reply-${this.entry.id}">${msg('Your reply', { id: 'circles.replyLabel' })}</label>
                <input id="reply-${this.entry.id}" name="text" maxlength="500" .value=${reply?.text ?? ''} />
                <button class="primary small" type="submit">${msg('Save', { id: 'circles.replySave' })}</button>
                <button class="small" type="button" @click=${() => (this.editing = false)}>${msg('Cancel', { id: 'circles.cancel' })}</button>
              </form>`
            : html`<button class="ghost small" @click=${() => (this.editing = true)}>${reply ? msg('Edit reply', { id: 'circles.replyEdit' }) : msg('Reply', { id: 'circles.reply' })}</button>
              ${reply ? html`<button class="ghost danger small" @click=${this.deleteReply}>${msg('Remove reply', { id: 'circles.replyRemove' })}</button>` : null}`
          : null
      }
      ${this.status.render()}`;
  }

  private changed(reply: GuestbookEntryDto['reply']): void {
    this.dispatchEvent(new CustomEvent('reply-change', { detail: { entryId: this.entry.id, reply }, bubbles: true, composed: true }));
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const text = formText(new FormData(e.target as HTMLFormElement), 'text').trim();
    if (!text) return;
    await this.status.run(async () => {
      const { entry } = await api.call('PUT /spaces/me/guestbook/:id/reply', { params: { id: this.entry.id }, body: { text } });
      this.editing = false;
      this.status.show('');
      this.changed(entry.reply ?? null);
    });
  }

  private async deleteReply(): Promise<void> {
    await this.status.run(async () => {
      await api.call('DELETE /spaces/me/guestbook/:id/reply', { params: { id: this.entry.id } });
      this.changed(null);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-guestbook-reply': KjGuestbookReply;
  }
}
