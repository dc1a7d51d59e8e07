import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AuditEntryDto, CommentDto, ModerationAction, ModerationRuleDto, PostDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { SessionController } from '../controllers/session-controller.js';
import { api } from '../services/api.js';
import { ruleActionLongName, ruleActionName } from '../moderation-labels.js';
import { realtime } from '../services/realtime.js';
import { formatNumber } from '../i18n/format.js';
import { DocumentEvent } from '../controllers/document-event.js';
import { shared } from '../styles/shared.js';
import { withLast } from '../id-lists.js';
import { StatusLine } from '../controllers/status-line.js';
import { formText } from '../form-text.js';
import './kj-audit-log.js';
import './kj-held-comments.js';
import './kj-post-card.js';
import './kj-reports-queue.js';

/**
 * `/moderation`: keyword rules, the queue of held posts and comments to approve or reject, open
 * reports (live, kj-reports-queue) and the audit log.
 * Moderators only. Newly held posts arrive live (`moderation:watch`, then `moderation:queued`); it
 * also reloads on "Refresh", after a reconnect and when the tab comes back into view.
 */
@localized()
@customElement('kj-moderation-page')
export class KjModerationPage extends LitElement {
  static override styles = [
    shared,
    css`
      .stack { display: flex; flex-direction: column; gap: 16px; }
      form { display: grid; grid-template-columns: 1fr auto auto; gap: 8px; }
      form select { width: auto; }
      li.rule { display: flex; align-items: center; gap: 8px; padding: 6px 0; border-bottom: 1px solid var(--kj-line); }
      li.rule code { flex: 1; min-width: 0; overflow-wrap: anywhere; background: none; }
      .queue-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
      code { background: #fff4e6; padding: 1px 6px; border-radius: 4px; }
      .queue-item .row { margin-top: 6px; }
      @media (max-width: 600px) { form { grid-template-columns: 1fr; } }
    `,
  ];

  @state() private rules: ModerationRuleDto[] = [];
  @state() private queue: PostDto[] = [];
  @state() private heldComments: CommentDto[] = [];
  @state() private audit: AuditEntryDto[] = [];
  private readonly status = new StatusLine(this);
  /** Posts and comments decided here: a read that left before the decision must not bring them back. */
  private readonly decided = new Set<string>();
  private readonly session = new SessionController(this);
  private readonly loads = new FetchScope(this);
  /** The tab back in view: what was held or reported meanwhile is read. */
  private readonly readOnShow = new DocumentEvent(this, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void this.load();
  });

  constructor() {
    super();
    new LiveEvents(this)
      .on('moderation:queued', ({ post, comment }) => {
        if (post) this.queue = withLast(this.queue, post);
        if (comment) this.heldComments = withLast(this.heldComments, comment);
      })
      .onConnected(() => void this.watchThenLoad());
  }

  /**
   * Joins the queue's room, then reads the queue: in that order, whatever is held after the read is
   * pushed, and whatever was held before it is in it (rooms do not survive a reconnect: again on each).
   */
  private async watchThenLoad(): Promise<void> {
    if (this.session.me?.role === 'moderator' && realtime.state === 'online') {
      await realtime.request('moderation:watch', {}).catch(() => {
        // Offline or no longer a moderator: the Refresh button still works.
      });
    }
    await this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.watchThenLoad();
  }

  override render() {
    if (this.session.me?.role !== 'moderator') {
      return html`<div class="card" role="status"><h1>${msg('Moderators only', { id: 'mod.only' })}</h1><p>${msg("This page is for the hub's moderators.", { id: 'mod.onlyBody' })}</p></div>`;
    }
    return html`<div class="stack">
      <h1>${msg('Moderation', { id: 'nav.moderation' })}</h1>
      <section class="card" aria-labelledby="rules">
        <h2 id="rules">${msg('Keyword rules', { id: 'mod.rules' })}</h2>
        <form @submit=${this.addRule}>
          <label class="sr-only" for="pattern">${msg('Keyword or phrase', { id: 'mod.pattern' })}</label>
          <input id="pattern" name="pattern" placeholder=${msg('Keyword or phrase', { id: 'mod.pattern' })} maxlength="100" />
          <label class="sr-only" for="action">${msg('Action', { id: 'mod.action' })}</label>
          <select id="action" name="action">${(['block', 'hold', 'review'] as const).map((a) => html`<option value=${a}>${ruleActionLongName[a]()}</option>`)}</select>
          <button class="primary" type="submit">${msg('Add rule', { id: 'mod.addRule' })}</button>
        </form>
        <ul class="plain">
          ${this.rules.map(
            (r) => html`<li class="rule" data-rule-id=${r.id}>
              <code>${r.pattern}</code><span class="badge">${ruleActionName[r.action]()}</span>
              <button class="ghost danger" aria-label=${msg(str`Delete rule ${r.pattern}`, { id: 'mod.deleteRule' })} @click=${() => this.deleteRule(r)}>${msg('Delete', { id: 'common.delete' })}</button>
            </li>`,
          )}
        </ul>
        ${this.rules.length === 0 ? html`<p class="muted">${msg('No rules yet.', { id: 'mod.noRules' })}</p>` : null}
      </section>
      <section aria-labelledby="queue" class="stack">
        <div class="queue-head">
          <h2 id="queue" style="margin:0">${msg(str`Queue (${formatNumber(this.queue.length)})`, { id: 'mod.queue' })}</h2>
          <button @click=${() => this.load()}>${msg('Refresh', { id: 'common.refresh' })}</button>
        </div>
        <kj-held-comments .comments=${this.heldComments}
          @comment-decided=${this.commentDecided}></kj-held-comments>
        ${this.queue.map(
          (p) => html`<div class="queue-item" data-post-id=${p.id}>
            <kj-post-card .post=${p}></kj-post-card>
            <div class="row">
              <button class="primary" aria-label=${msg(str`Approve the post by ${p.author.displayName}`, { id: 'mod.approveBy' })} @click=${() => this.decide(p, 'approve')}>${msg('Approve', { id: 'mod.approve' })}</button>
              <button class="danger" aria-label=${msg(str`Reject the post by ${p.author.displayName}`, { id: 'mod.rejectBy' })} @click=${() => this.decide(p, 'reject')}>${msg('Reject', { id: 'mod.reject' })}</button>
            </div>
          </div>`,
        )}
        ${this.queue.length === 0 ? html`<p class="card muted">${msg('Nothing waiting.', { id: 'mod.nothing' })}</p>` : null}
      </section>
      <kj-reports-queue></kj-reports-queue>
      ${this.status.render()}
      <kj-audit-log .entries=${this.audit}></kj-audit-log>
    </div>`;
  }

  private readonly commentDecided = (e: CustomEvent<{ commentId: string }>): void => {
    this.decided.add(e.detail.commentId);
    this.heldComments = this.heldComments.filter((c) => c.id !== e.detail.commentId);
  };

  private async load(): Promise<void> {
    if (this.session.me?.role !== 'moderator') return;
    await this.loads.load(
      async (signal) => {
        const [{ rules }, { posts, comments }, { entries }] = await Promise.all([
          api.call('GET /moderation/rules', { signal }),
          api.call('GET /moderation/queue', { signal }),
          api.call('GET /moderation/audit', { query: { limit: 30 }, signal }),
        ]);
        this.rules = rules;
        this.queue = posts.filter((p) => !this.decided.has(p.id));
        this.heldComments = (comments ?? []).filter((c) => !this.decided.has(c.id));
        this.audit = entries;
      },
      (message) => this.status.show(message),
    );
  }

  private async addRule(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    await this.status.run(async () => {
      const { rule } = await api.call('POST /moderation/rules', {
        body: { pattern: formText(data, 'pattern').trim(), action: formText(data, 'action') as ModerationAction },
      });
      this.rules = [...this.rules, rule];
      form.reset();
      this.status.show(msg(str`Rule added: “${rule.pattern}” → ${ruleActionName[rule.action]()}.`, { id: 'mod.ruleAdded' }));
      void this.loadAudit();
    });
  }

  private async deleteRule(rule: ModerationRuleDto): Promise<void> {
    if (!confirm(msg(str`Delete the rule “${rule.pattern}”?`, { id: 'mod.deleteConfirm' }))) return;
    await this.status.run(async () => {
      await api.call('DELETE /moderation/rules/:id', { params: { id: rule.id } });
      this.rules = this.rules.filter((r) => r.id !== rule.id);
      this.status.show(msg(str`Rule deleted: “${rule.pattern}”.`, { id: 'mod.ruleDeleted' }));
      void this.loadAudit();
    });
  }

  private async loadAudit(): Promise<void> {
    try {
      this.audit = (await api.call('GET /moderation/audit', { query: { limit: 30 } })).entries;
    } catch {
      // The action itself succeeded; the log catches up on the next load.
    }
  }

  private async decide(post: PostDto, verb: 'approve' | 'reject'): Promise<void> {
    await this.status.run(async () => {
      await api.call(`POST /moderation/queue/:postId/${verb}`, { params: { postId: post.id } });
      this.decided.add(post.id);
      this.queue = this.queue.filter((p) => p.id !== post.id);
      this.status.show(
        verb === 'approve'
          ? msg('Approved: the post is now visible as its author chose.', { id: 'mod.approved' })
          : msg('Rejected.', { id: 'mod.rejected' }),
      );
      void this.loadAudit();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-moderation-page': KjModerationPage;
  }
}
