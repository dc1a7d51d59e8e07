import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ReportDto } from '../../../shared/dto.js';
import { FetchScope } from '../controllers/fetch-scope.js';
import { LiveEvents } from '../controllers/live-events.js';
import { timeAgo } from '../format.js';
import { formatNumber } from '../i18n/format.js';
import { reportSubjectName } from '../moderation-labels.js';
import { readReason } from '../report-reasons.js';
import { api } from '../services/api.js';
import { shared } from '../styles/shared.js';
import { StatusLine } from '../controllers/status-line.js';
import './kj-avatar.js';

/**
 * Open reports on the moderation page, oldest first. A new one arrives live (the hub tells every
 * moderator with a `report` notification); a moderator dismisses it or removes what it is about.
 */
@localized()
@customElement('kj-reports-queue')
export class KjReportsQueue extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; gap: 10px; align-items: flex-start; padding: 8px 0; border-bottom: 1px solid var(--kj-line); }
      li > div { flex: 1; min-width: 0; overflow-wrap: anywhere; }
      .excerpt { margin: 4px 0; padding-left: 8px; border-left: 3px solid var(--kj-line); }
      .reason { margin: 4px 0 6px; }
    `,
  ];

  @state() private reports: ReportDto[] = [];
  private readonly status = new StatusLine(this);
  private readonly loads = new FetchScope(this, { read: () => this.load(), catchUp: true });

  constructor() {
    super();
    new LiveEvents(this).on('notification', ({ notification }) => {
      if (notification.kind === 'report') void this.load();
    });
  }

  override render() {
    return html`<section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">${msg(str`Reports (${formatNumber(this.reports.length)})`, { id: 'reports.title' })}</h2>
      <ul class="plain" aria-live="polite">
        ${repeat(
          this.reports,
          (r) => r.id,
          (r) => this.item(r),
        )}
      </ul>
      ${this.reports.length === 0 ? html`<p class="muted">${msg('No open reports.', { id: 'reports.none' })}</p>` : null}
      ${this.status.render()}
    </section>`;
  }

  private item(r: ReportDto) {
    const { label, details } = readReason(r.reason);
    const excerpt = r.subject.excerpt ?? '';
    return html`<li data-report-id=${r.id}>
      <kj-avatar .user=${r.reporter} size="30"></kj-avatar>
      <div>
        <b>${r.reporter.displayName}</b>
        <span class="muted">· ${timeAgo(r.createdAt)} · <span class="badge">${reportSubjectName[r.subject.kind]()}</span></span>
        ${
          r.subject.kind === 'post'
            ? html`<p class="excerpt"><a href=${`/post/${r.subject.id}`}>${excerpt || msg('Open the post', { id: 'reports.openPost' })}</a></p>`
            : r.subject.kind === 'comment' && r.subject.postId
              ? html`<p class="excerpt">${excerpt}</p>
                  <p><a href=${`/post/${r.subject.postId}`}>${msg('Open the post it is on', { id: 'reports.commentPost' })}</a></p>`
              : r.subject.kind === 'user' && excerpt.startsWith('@')
                ? html`<p class="excerpt"><a href=${`/space/${excerpt.slice(1)}`}>${excerpt}</a></p>`
                : html`<p class="excerpt">${excerpt}</p>`
        }
        <p class="reason">${label ? html`<b>${label}</b>${details ? `: ${details}` : ''}` : details}</p>
        <div class="row">
          <button @click=${() => this.resolve(r, 'dismiss')} aria-label=${msg(str`Dismiss the report by ${r.reporter.displayName}`, { id: 'reports.dismissBy' })}>${msg('Dismiss', { id: 'reports.dismiss' })}</button>
          <button class="danger" @click=${() => this.resolve(r, 'remove')} aria-label=${msg(str`Remove what ${r.reporter.displayName} reported`, { id: 'reports.removeBy' })}>${msg('Remove it', { id: 'reports.remove' })}</button>
        </div>
      </div>
    </li>`;
  }

  private async load(): Promise<void> {
    await this.loads.load(
      async (signal) => {
        this.reports = (await api.call('GET /moderation/reports', { signal })).reports;
      },
      (message) => this.status.show(message),
    );
  }

  private async resolve(report: ReportDto, action: 'dismiss' | 'remove'): Promise<void> {
    const question =
      report.subject.kind === 'user'
        ? msg('Delete this account and everything it owns? This cannot be undone.', { id: 'reports.removeUserConfirm' })
        : msg('Remove what this report is about? This cannot be undone.', { id: 'reports.removeConfirm' });
    if (action === 'remove' && !confirm(question)) return;
    await this.status.run(async () => {
      await api.call('POST /moderation/reports/:id/resolve', { params: { id: report.id }, body: { action } });
      this.status.show(
        action === 'remove' ? msg('Removed.', { id: 'reports.removed' }) : msg('Report dismissed.', { id: 'reports.dismissed' }),
      );
      // A removal closes every open report on the same subject.
      const same = (r: ReportDto) => r.subject.kind === report.subject.kind && r.subject.id === report.subject.id;
      this.reports = this.reports.filter((r) => r.id !== report.id && !(action === 'remove' && same(r)));
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-reports-queue': KjReportsQueue;
  }
}
