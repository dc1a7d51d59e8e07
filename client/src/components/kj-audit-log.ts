import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AuditAction, AuditEntryDto } from '../../../shared/dto.js';
import { timeAgo } from '../format.js';
import { shared } from '../styles/shared.js';

const actionText: Readonly<Record<AuditAction, string>> = {
  'rule.create': 'added a rule',
  'rule.delete': 'deleted a rule',
  'post.approve': 'approved a post',
  'post.reject': 'rejected a post',
  'post.unpublish': 'took down a post',
  'space.certify': 'changed a space’s certification',
  'space.uncertify': 'removed a space’s certification',
  'user.tier': 'changed a user’s tier',
};

/** The moderators' audit log, newest first, as the moderation page loaded it. */
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
      <h2 id="audit">Audit log</h2>
      <ul class="plain">
        ${this.entries.map(
          (e) => html`<li data-action=${e.action}>
            <a href=${`/space/${e.actor.handle}`}>@${e.actor.handle}</a>
            <span>${actionText[e.action] ?? e.action}</span>
            ${e.detail ? html`<code>${e.detail}</code>` : null}
            <time class="muted" datetime=${e.createdAt}>${timeAgo(e.createdAt)}</time>
          </li>`,
        )}
      </ul>
      ${this.entries.length === 0 ? html`<p class="muted">No moderator actions yet.</p>` : null}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-audit-log': KjAuditLog;
  }
}
