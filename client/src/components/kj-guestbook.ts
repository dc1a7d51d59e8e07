import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { GuestbookEntryDto } from '../../../shared/dto.js';
import { ActionStatus } from '../controllers/action-status.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { RoomWatch, guestbookRoom } from '../controllers/room-watch.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { timeAgo } from '../format.js';
import { mentionText } from '../mention-text.js';
import { api, errorText } from '../services/api.js';
import { icon } from '../icons.js';
import { shared } from '../styles/shared.js';
import { withFirst } from '../id-lists.js';
import { formText } from '../form-text.js';
import './kj-avatar.js';
import './kj-report-button.js';
import './kj-guestbook-reply.js';

/**
 * The guestbook (留言板): messages to the owner, optionally private (author and owner only). New and
 * deleted entries arrive live; an author deletes their own entry, the owner any on their space.
 */
@localized()
@customElement('kj-guestbook')
export class KjGuestbook extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; gap: 10px; padding: 8px 0; border-bottom: 1px dashed var(--kj-line); }
      li p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      li > div { min-width: 0; flex: 1; }
      form { margin-top: 10px; }
      textarea { min-height: 60px; }
      .small { min-height: 0; padding: 0 6px; font-size: 0.82rem; }
      .check { display: inline-flex; gap: 6px; align-items: center; font-weight: 400; margin: 0; }
    `,
  ];

  @property() handle = '';
  @property({ type: Boolean }) isOwner = false;
  /** As a stranger sees it (the space editor's preview): public entries only, nothing to write or delete. */
  @property({ type: Boolean, attribute: 'visitor-view' }) visitorView = false;
  /** The space owner's id: live entries are matched by it. */
  @property() ownerId = '';
  @state() private entries: GuestbookEntryDto[] = [];
  /** A message on its way: the button waits for its answer, the text box stays free for the next draft; failures (a read's too) show below. */
  private readonly sending = new ActionStatus(this);

  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), key: () => this.handle });
  // Read again once the room is joined (after each connect): entries written before it are in that read.
  private readonly room = new RoomWatch(this, guestbookRoom, { key: () => this.handle, onWatched: () => void this.load() });

  constructor() {
    super();
    new LiveEvents(this)
      .on('guestbook:entry', ({ ownerId, entry }) => {
        if (ownerId === this.ownerId) this.entries = withFirst(this.entries, entry);
      })
      .on('guestbook:remove', ({ ownerId, entryId }) => {
        if (ownerId === this.ownerId) this.entries = this.entries.filter((e) => e.id !== entryId);
      })
      .on('guestbook:reply', ({ ownerId, entryId, reply }) => {
        if (ownerId === this.ownerId) this.setReply(entryId, reply);
      })
      // v1.2 留言审核: the author's waiting entry approved (it shows as any other) or rejected (it goes).
      .on('approval:decided', ({ kind, id, approved }) => {
        if (kind !== 'entry') return;
        this.entries = approved
          ? this.entries.map((e) => (e.id === id ? { ...e, pending: false } : e))
          : this.entries.filter((e) => e.id !== id);
      });
  }

  override render() {
    const entries = this.visitorView ? this.entries.filter((e) => !e.private) : this.entries;
    const mayDelete = (e: GuestbookEntryDto) => !this.visitorView && (this.isOwner || e.author.id === this.session.me?.id);
    return html`<section class="card" aria-labelledby="gb-title">
      <h2 id="gb-title">${icon('pen', 18)} ${msg('Guestbook', { id: 'space.guestbook' })}</h2>
      <ul class="plain">
        ${entries.map(
          (e) => html`<li>
            <kj-avatar .user=${e.author} size="34"></kj-avatar>
            <div>
              <a href=${`/space/${e.author.handle}`}><b>${e.author.displayName}</b></a>
              <span class="muted">· ${timeAgo(e.createdAt)}</span> ${e.private ? html`<span class="badge">${msg('private', { id: 'guestbook.private' })}</span>` : null}
              ${e.pending ? html`<span class="badge" data-testid="pending">${msg('pending approval', { id: 'circles.pending' })}</span>` : null}
              <p>${mentionText(e.text, e.mentions)}</p>
              <kj-guestbook-reply .entry=${e} ?is-owner=${this.isOwner && !this.visitorView}
                @reply-change=${(ev: CustomEvent<{ entryId: string; reply: GuestbookEntryDto['reply'] }>) => this.setReply(ev.detail.entryId, ev.detail.reply)}></kj-guestbook-reply>
              ${
                mayDelete(e)
                  ? html`<button class="ghost danger small" @click=${() => this.deleteEntry(e)} aria-label=${msg(str`Delete the message from ${e.author.displayName}`, { id: 'guestbookLive.deleteLabel' })}>${msg('Delete', { id: 'common.delete' })}</button>`
                  : null
              }
              ${
                !this.visitorView && this.session.me && e.author.id !== this.session.me.id
                  ? html`<kj-report-button kind="guestbook" subject-id=${e.id} owner=${e.author.displayName}></kj-report-button>`
                  : null
              }
            </div>
          </li>`,
        )}
      </ul>
      ${entries.length === 0 ? html`<p class="muted">${msg('No messages yet.', { id: 'guestbook.none' })}</p>` : null}
      ${
        this.isOwner || this.visitorView
          ? null
          : html`<form @submit=${this.submit}>
            <label for="gb-text">${msg('Leave a message', { id: 'guestbook.leave' })}</label>
            <textarea id="gb-text" name="text" maxlength="500"></textarea>
            <div class="row spread">
              <label class="check"><input type="checkbox" name="private" /> ${msg('Only the owner can see it', { id: 'guestbook.ownerOnly' })}</label>
              <button class="primary" type="submit" ?disabled=${this.sending.busy}>${msg('Leave message', { id: 'guestbook.submit' })}</button>
            </div>
          </form>`
      }
      ${this.sending.error ? html`<p class="notice" role="status">${this.sending.error}</p>` : null}
    </section>`;
  }

  private setReply(entryId: string, reply: GuestbookEntryDto['reply']): void {
    this.entries = this.entries.map((e) => (e.id === entryId ? { ...e, reply: reply ?? null } : e));
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.entries = (await api.call('GET /spaces/:handle/guestbook', { params: { handle: this.handle }, signal })).entries;
      },
      (message) => this.sending.fail(message),
    );
  }

  private async deleteEntry(entry: GuestbookEntryDto): Promise<void> {
    if (!confirm(msg('Delete this message?', { id: 'guestbookLive.deleteConfirm' }))) return;
    try {
      await api.call('DELETE /spaces/:handle/guestbook/:id', { params: { handle: this.handle, id: entry.id } });
      this.entries = this.entries.filter((e) => e.id !== entry.id);
    } catch (err) {
      this.sending.fail(errorText(err));
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const sent = formText(data, 'text');
    const text = sent.trim();
    if (!text || this.sending.busy) return;
    await this.sending.run(async () => {
      const { entry } = await api.call('POST /spaces/:handle/guestbook', {
        params: { handle: this.handle },
        body: { text, private: data.has('private') },
      });
      this.entries = withFirst(this.entries, entry);
      // Cleared only if it still holds what was sent: a next draft typed meanwhile is kept.
      const box = form.elements.namedItem('text') as HTMLTextAreaElement | null;
      if (!box || box.value === sent) form.reset();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-guestbook': KjGuestbook;
  }
}
