import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CommentDto, GuestbookEntryDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { timeAgo } from '../format.js';
import { api } from '../services/api.js';
import { session } from '../services/session.js';
import { shared } from '../styles/shared.js';
import { withLast } from '../id-lists.js';
import { StatusLine } from '../controllers/status-line.js';

type Approval = { comments: boolean; guestbook: boolean };

/**
 * Settings of the v1.2 circles: hidden visits (隐身访问, yellow members), owner approval of comments
 * and guestbook messages (评论审核/留言审核), and the list of what waits for approval, live.
 */
@localized()
@customElement('kj-circles-settings')
export class KjCirclesSettings extends LitElement {
  static override styles = [
    shared,
    css`
      .check { display: flex; gap: 10px; align-items: center; font-weight: 400; margin: 6px 0; }
      input[type='checkbox'] { width: 18px; height: 18px; flex: none; }
      li { padding: 8px 0; border-bottom: 1px solid var(--kj-line); overflow-wrap: anywhere; }
      li p { margin: 2px 0 6px; }
      h3 { margin: 14px 0 4px; font-size: 1rem; }
    `,
  ];

  @state() private approval: Approval | null = null;
  @state() private comments: CommentDto[] = [];
  @state() private entries: GuestbookEntryDto[] = [];
  private readonly status = new StatusLine(this);
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this)
      .on('approval:pending', ({ comment, entry }) => {
        if (comment) this.comments = withLast(this.comments, comment);
        if (entry) this.entries = withLast(this.entries, entry);
      })
      .on('approval:decided', ({ kind, id }) => this.drop(kind, id));
  }

  override render() {
    const me = this.session.me;
    if (!me) return null;
    const yellow = me.tier === 'yellow';
    return html`<label class="check"><input type="checkbox" name="hiddenVisits" .checked=${me.hiddenVisits === true} ?disabled=${!yellow}
          @change=${this.setHidden} /> ${msg('Hidden visits: visit spaces without leaving a trace', { id: 'circles.hiddenVisits' })}</label>
      ${yellow ? null : html`<p class="muted">${msg('A Yellow diamond privilege.', { id: 'circles.yellowOnly' })}</p>`}
      <label class="check"><input type="checkbox" name="approveComments" .checked=${this.approval?.comments === true} ?disabled=${!this.approval}
          @change=${(e: Event) => this.setApproval({ comments: (e.target as HTMLInputElement).checked })} /> ${msg('Approve comments on my posts before others see them', { id: 'circles.approveComments' })}</label>
      <label class="check"><input type="checkbox" name="approveGuestbook" .checked=${this.approval?.guestbook === true} ?disabled=${!this.approval}
          @change=${(e: Event) => this.setApproval({ guestbook: (e.target as HTMLInputElement).checked })} /> ${msg('Approve guestbook messages before others see them', { id: 'circles.approveGuestbook' })}</label>
      <h3 id="pending-title">${msg('Waiting for my approval', { id: 'circles.pendingTitle' })}</h3>
      ${
        this.comments.length + this.entries.length === 0
          ? html`<p class="muted">${msg('Nothing is waiting.', { id: 'circles.pendingNone' })}</p>`
          : html`<ul class="plain" aria-labelledby="pending-title">
              ${this.comments.map((c) => this.item('comment', c.id, c.author.displayName, c.text, c.createdAt, msg('Comment', { id: 'circles.kindComment' })))}
              ${this.entries.map((e) => this.item('entry', e.id, e.author.displayName, e.text, e.createdAt, msg('Guestbook message', { id: 'circles.kindEntry' })))}
            </ul>`
      }
      ${this.status.render()}`;
  }

  private item(kind: 'comment' | 'entry', id: string, who: string, text: string, at: string, what: string) {
    return html`<li data-pending=${id}>
      <b>${who}</b> <span class="muted">· ${what} · ${timeAgo(at)}</span>
      <p>${text}</p>
      <button class="primary" @click=${() => this.decide(kind, id, 'approve')}>${msg('Approve', { id: 'circles.approve' })}</button>
      <button class="danger" @click=${() => this.decide(kind, id, 'reject')}>${msg('Reject', { id: 'circles.reject' })}</button>
    </li>`;
  }

  private drop(kind: 'comment' | 'entry', id: string): void {
    if (kind === 'comment') this.comments = this.comments.filter((c) => c.id !== id);
    else this.entries = this.entries.filter((e) => e.id !== id);
  }

  private async load(): Promise<void> {
    const me = session.me;
    if (!me) return;
    await this.loads.load(
      async (signal) => {
        const [{ space }, pending] = await Promise.all([
          api.call('GET /spaces/:handle', { params: { handle: me.handle }, signal }),
          api.call('GET /spaces/me/pending', { signal }),
        ]);
        this.approval = space.approval ?? { comments: false, guestbook: false };
        this.comments = pending.comments;
        this.entries = pending.entries;
      },
      (message) => this.status.show(message),
    );
  }

  private async setHidden(e: Event): Promise<void> {
    const box = e.target as HTMLInputElement;
    const saved = await this.status.run(async () => {
      session.updateMe((await api.call('PATCH /me', { body: { hiddenVisits: box.checked } })).user);
      this.status.show(msg('Saved.', { id: 'circles.saved' }));
    });
    if (!saved) box.checked = !box.checked;
  }

  private async setApproval(change: Partial<Approval>): Promise<void> {
    await this.status.run(async () => {
      const { space } = await api.call('PATCH /spaces/me', { body: { approval: change } });
      this.approval = space.approval ?? this.approval;
      this.status.show(msg('Saved.', { id: 'circles.saved' }));
    });
  }

  private async decide(kind: 'comment' | 'entry', id: string, verb: 'approve' | 'reject'): Promise<void> {
    await this.status.run(async () => {
      await api.call(`POST /spaces/me/pending/:kind/:id/${verb}`, { params: { kind, id } });
      this.drop(kind, id);
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-circles-settings': KjCirclesSettings;
  }
}
