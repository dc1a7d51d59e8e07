import { localized, msg } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MessageDto } from '../../../shared/dto.js';
import { recallWindowMs } from '../../../shared/schemas/chat.js';
import { messagePreview, messageTime } from '../chat-format.js';
import { linkedText } from '../mention-text.js';
import { SessionController } from '../controllers/session-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { errorText } from '../services/api.js';
import { chat } from '../services/chat.js';
import { ActionStatus } from '../controllers/action-status.js';
import { DocumentEvent } from '../controllers/document-event.js';
import { shared } from '../styles/shared.js';
import './kj-avatar.js';
import './kj-chat-photo.js';
import './kj-report-button.js';
import './kj-repost-embed.js';

/** One conversation: bubbles (mine right, theirs left), 已读 under my last read one, typing, recall and the send box. */
@localized()
@customElement('kj-conversation')
export class KjConversation extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .card { display: flex; flex-direction: column; height: min(75vh, 720px); padding: 0; overflow: hidden; }
      .top { display: flex; align-items: center; gap: 10px; padding: 10px 14px; border-bottom: 1px solid var(--kj-line); }
      .top h2 { margin: 0; font-size: 1.05rem; color: var(--kj-text); }
      .back { display: none; }
      ol { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
      li { display: flex; flex-direction: column; align-items: flex-start; max-width: 100%; }
      li.mine { align-items: flex-end; }
      .bubble { max-width: min(78%, 520px); padding: 8px 12px; border-radius: 16px; background: #f1f3f5; white-space: pre-wrap; overflow-wrap: anywhere; }
      li.mine .bubble { background: #1c7ed6; color: #fff; border-bottom-right-radius: 4px; }
      li:not(.mine) .bubble { border-bottom-left-radius: 4px; }
      .meta { font-size: 0.78rem; color: var(--kj-muted); display: flex; gap: 8px; align-items: center; margin-top: 2px; }
      .meta button { min-height: 0; padding: 0 6px; font-size: 0.78rem; border: none; background: none; color: var(--kj-accent-strong); }
      .recalled { font-size: 0.85rem; color: var(--kj-muted); align-self: center; }
      .photo { max-width: min(220px, 60vw); max-height: 260px; border-radius: 10px; display: block; }
      .bubble kj-repost-embed { min-width: min(260px, 60vw); color: var(--kj-text); white-space: normal; }
      .bubble.shared { background: none; padding: 0; }
      .hidden-post { font-style: italic; }
      .typing { padding: 0 14px 4px; font-size: 0.85rem; color: var(--kj-muted); min-height: 1.3em; }
      form { display: flex; gap: 8px; align-items: center; padding: 10px; border-top: 1px solid var(--kj-line); }
      textarea { flex: 1; resize: none; font: inherit; padding: 8px 10px; border-radius: 12px; border: 1px solid var(--kj-line); min-height: 40px; }
      .error { color: #c92a2a; padding: 0 14px; font-size: 0.85rem; }
      @media (max-width: 720px) { .back { display: inline-flex; } .card { height: calc(100vh - 170px); } }
    `,
  ];

  @property() handle = '';
  @state() private conversationId: string | null = null;
  /** A message on its way (the Send button waits); what went wrong, here or in a picker beside the box, shows above it. */
  private readonly sending = new ActionStatus(this);
  @query('ol') private list?: HTMLOListElement;
  @query('textarea') private box?: HTMLTextAreaElement;
  private readonly session = new SessionController(this);
  private readonly store = new StoreController(this, chat);
  private readonly readOnShow = new DocumentEvent(this, 'visibilitychange', () => this.markRead());

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('handle')) {
      this.conversationId = chat.conversations.find((c) => c.peer.handle === this.handle)?.id ?? null;
      this.sending.clear();
      void chat.open(this.handle).then(
        (id) => {
          this.conversationId = id ?? this.conversationId;
          this.markRead();
        },
        (err: unknown) => this.sending.fail(errorText(err)),
      );
    }
    if (!this.conversationId) {
      const fromPeer = chat.conversations.find((c) => c.peer.handle === this.handle);
      if (fromPeer) this.conversationId = fromPeer.id;
    }
  }

  protected override updated(): void {
    this.list?.scrollTo({ top: this.list.scrollHeight });
    this.markRead();
  }

  private reading = false;

  /** Marks what is on screen read, while the tab is visible (one request at a time). */
  private markRead(): void {
    if (!this.conversationId || document.visibilityState !== 'visible' || this.reading) return;
    this.reading = true;
    void chat
      .markRead(this.handle, this.conversationId)
      .catch(() => undefined)
      .finally(() => (this.reading = false));
  }

  override render() {
    const me = this.session.me;
    const thread = chat.thread(this.conversationId);
    const peer = chat.conversations.find((c) => c.peer.handle === this.handle)?.peer ?? thread.find((m) => m.from.id !== me?.id)?.from;
    const lastReadMine = [...thread].reverse().find((m) => m.from.id === me?.id && m.read && !m.recalled)?.id;
    return html`<section class="card" aria-labelledby="peer">
      <div class="top">
        <a class="back button" href="/chat">${msg('← Messages', { id: 'chat.back' })}</a>
        ${peer ? html`<kj-avatar .user=${peer} size="32"></kj-avatar>` : null}
        <h2 id="peer"><a href=${`/space/${this.handle}`}>${peer?.displayName ?? `@${this.handle}`}</a></h2>
      </div>
      <ol aria-live="polite" aria-label=${msg('Messages', { id: 'chat.title' })}>
        ${thread.map((m) => this.bubble(m, m.from.id === me?.id, m.id === lastReadMine))}
      </ol>
      <div class="typing" aria-live="polite">${chat.isTyping(this.conversationId) ? msg('Typing…', { id: 'chat.typing' }) : ''}</div>
      ${this.sending.error ? html`<p class="error" role="alert">${this.sending.error}</p>` : null}
      <form @submit=${this.submit} @chat-error=${(e: CustomEvent<{ message: string }>) => this.sending.fail(e.detail.message)}>
        <kj-chat-photo handle=${this.handle}></kj-chat-photo>
        <label class="sr-only" for="box">${msg('Message', { id: 'chat.boxLabel' })}</label>
        <textarea id="box" rows="1" maxlength="2000" placeholder=${msg('Say something…', { id: 'chat.placeholder' })}
          @input=${() => chat.typing(this.handle)} @keydown=${this.keydown}></textarea>
        <button class="primary" type="submit" ?disabled=${this.sending.busy}>${msg('Send', { id: 'chat.send' })}</button>
      </form>
    </section>`;
  }

  private bubble(m: MessageDto, mine: boolean, readMark: boolean) {
    if (m.recalled) return html`<li class="recalled" data-seq=${m.seq}>${messagePreview(m, mine)}</li>`;
    const recallable = mine && Date.now() - Date.parse(m.sentAt) < recallWindowMs;
    return html`<li class=${mine ? 'mine' : ''} data-seq=${m.seq}>
      <div class=${m.post || m.photo ? 'bubble shared' : 'bubble'}>${this.content(m)}</div>
      <div class="meta">
        <time datetime=${m.sentAt}>${messageTime(m.sentAt)}</time>
        ${readMark ? html`<span class="read">${msg('Read', { id: 'chat.read' })}</span>` : null}
        ${recallable ? html`<button type="button" @click=${() => this.recall(m.id)}>${msg('Recall', { id: 'chat.recall' })}</button>` : null}
        ${mine ? null : html`<kj-report-button kind="message" subject-id=${m.id} owner=${m.from.displayName}></kj-report-button>`}
      </div>
    </li>`;
  }

  /** A photo (its thumbnail, opening the full one) or a shared post as I may see it, then any text. */
  private content(m: MessageDto) {
    const photo = m.photo
      ? html`<a href=${m.photo.url} target="_blank" rel="noopener"
          ><img class="photo" src=${m.photo.thumbUrl} alt=${m.photo.caption || msg('Photo', { id: 'chat.photoAlt' })} loading="lazy"
        /></a>`
      : null;
    const post = m.post
      ? html`<kj-repost-embed .original=${m.post}></kj-repost-embed>`
      : m.post === null
        ? html`<span class="hidden-post">${msg('This post is not visible', { id: 'chat.postHidden' })}</span>`
        : null;
    return html`${photo}${post}${m.text ? linkedText(m.text) : ''}`;
  }

  private keydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void this.submit(e);
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const text = this.box?.value.trim() ?? '';
    if (!text || this.sending.busy) return;
    await this.sending.run(async () => {
      const sent = await chat.send(this.handle, text);
      this.conversationId = sent.conversationId;
      if (this.box) this.box.value = '';
    });
    this.box?.focus();
  }

  private async recall(id: string): Promise<void> {
    await chat.recall(id).catch((err: unknown) => this.sending.fail(errorText(err)));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-conversation': KjConversation;
  }
}
