import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AuditEntryDto } from '../../../shared/dto.js';
import { auditDetail, auditSubject } from '../audit-detail.js';
import { timeAgo } from '../format.js';
import { shared } from '../styles/shared.js';

// Keyed by string so actions the hub adds later still show (as their code) before they get words here.
const actionText: Readonly<Record<string, () => string>> = {
  'rule.create': () => msg('added a rule', { id: 'audit.ruleCreate' }),
  'rule.delete': () => msg('deleted a rule', { id: 'audit.ruleDelete' }),
  'post.approve': () => msg('approved a post', { id: 'audit.postApprove' }),
  'post.reject': () => msg('rejected a post', { id: 'audit.postReject' }),
  'post.unpublish': () => msg('took down a post', { id: 'audit.postUnpublish' }),
  'space.certify': () => msg('changed a space’s certification', { id: 'audit.spaceCertify' }),
  'space.uncertify': () => msg('removed a space’s certification', { id: 'audit.spaceUncertify' }),
  'user.tier': () => msg('changed a user’s tier', { id: 'audit.userTier' }),
  'comment.approve': () => msg('approved a comment', { id: 'audit.commentApprove' }),
  'comment.reject': () => msg('rejected a comment', { id: 'audit.commentReject' }),
  'content.blocked': () => msg('blocked content', { id: 'audit.contentBlocked' }),
  'report.dismiss': () => msg('dismissed a report', { id: 'audit.reportDismiss' }),
  'report.remove': () => msg('removed reported content', { id: 'audit.reportRemove' }),
};

/** The moderators' audit log, newest first, as the moderation page loaded it. */
@localized()
@customElement('kj-audit-log')
export class KjAuditLog extends LitElement {
  static override styles = [
    shared,
    css`
      li { display: flex; gap: 8px; flex-wrap: wrap; padding: 5px 0; border-bottom: 1px solid var(--kj-line); font-size: 0.9rem; }
      li:last-child { border-bottom: none; }
      code { background: #fff4e6; padding: 1px 6px; border-radius: 4px; overflow-wrap: anywhere; }
    `,
  ];

  @property({ attribute: false }) entries: readonly AuditEntryDto[] = [];

  override render() {
    return html`<section class="card" aria-labelledby="audit">
      <h2 id="audit">${msg('Audit log', { id: 'audit.title' })}</h2>
      <ul class="plain">
        ${this.entries.map(
          (e) => html`<li data-action=${e.action}>
            <a href=${`/space/${e.actor.handle}`}>@${e.actor.handle}</a>
            <span>${actionText[e.action]?.() ?? e.action}</span>
            ${e.subject ? html`<span class="subject">${auditSubject(e.subject)}</span>` : null}
            ${e.detail ? html`<code>${auditDetail(e.action, e.detail)}</code>` : null}
            <time class="muted" datetime=${e.createdAt}>${timeAgo(e.createdAt)}</time>
          </li>`,
        )}
      </ul>
      ${this.entries.length === 0 ? html`<p class="muted">${msg('No moderator actions yet.', { id: 'audit.none' })}</p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-audit-log': KjAuditLog;
  }
}
