import { LitElement, html } from 'lit';

/** The app shell; the full client grows from here. */
export class KjApp extends LitElement {
  override render() {
    return html`<h1>Kongjian 空间</h1>`;
  }
}
customElements.define('kj-app', KjApp);

declare global {
  interface HTMLElementTagNameMap {
    'kj-app': KjApp;
  }
}
