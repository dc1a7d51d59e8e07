import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import { toasts, type Toast, type ToastAction } from '../services/toasts.js';
import { shared } from '../styles/shared.js';

/** Toasts in a polite live region, bottom-right (bottom on phones); actions are real buttons. */
@localized()
@customElement('kj-toasts')
export class KjToasts extends LitElement {
  static override styles = [
    shared,
    css`
      .region {
        position: fixed; right: 16px; bottom: 16px; z-index: 40; display: flex; flex-direction: column;
        gap: 8px; width: min(360px, calc(100vw - 32px));
      }
      .toast {
        background: #fffaf0; border: 1px solid #ffd8a8; border-left: 5px solid var(--kj-accent);
        border-radius: 10px; box-shadow: 0 6px 24px rgb(90 50 0 / 0.18); padding: 10px 12px;
        animation: in 0.2s ease-out;
      }
      .toast.error { border-left-color: var(--kj-danger); }
      .toast.success { border-left-color: var(--kj-ok); }
      .text { margin: 0 0 4px; }
      .row { justify-content: flex-end; }
      @keyframes in { from { transform: translateY(8px); opacity: 0; } }
      @media (prefers-reduced-motion: reduce) { .toast { animation: none; } }
    `,
  ];

  private readonly store = new StoreController(this, toasts);

  override render() {
    return html`<div class="region" role="status" aria-live="polite" aria-relevant="additions text">
      ${this.store.store.items.map((t) => this.toast(t))}
    </div>`;
  }

  private toast(t: Toast) {
    return html`<div class="toast ${t.tone}" data-toast=${t.id}>
      <p class="text">${t.text}</p>
      <div class="row">
        ${t.actions.map((a) => html`<button class=${a === t.actions[0] ? 'primary' : ''} @click=${() => this.run(t, a)}>${a.label}</button>`)}
        <button class="ghost" aria-label=${msg('Dismiss', { id: 'common.dismiss' })} @click=${() => toasts.dismiss(t.id)}>✕</button>
      </div>
    </div>`;
  }

  private async run(t: Toast, action: ToastAction): Promise<void> {
    toasts.dismiss(t.id);
    await action.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-toasts': KjToasts;
  }
}
