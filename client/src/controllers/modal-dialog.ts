/**
 * The dialog a host's button opens (report, repost, share to chat, a photo from my albums): modal, its
 * content drawn only while it is open (a closed one adds no text to the page), named by its heading,
 * with the action it is for (`action`: the send, the report), whose error is forgotten when the dialog
 * opens or closes (Cancel, Escape, a done action).
 */
import { msg } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ActionStatus } from './action-status.js';
import { errorNotice } from '../error-notice.js';

type DialogHost = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export class ModalDialog {
  /** Whether the dialog is open, and so its content drawn. */
  showing = false;
  /** What the dialog is for: busy while on its way, and why it failed. */
  readonly action: ActionStatus;

  constructor(
    private readonly host: DialogHost,
    /** The id of its heading, which names the dialog. */
    private readonly titleId: string,
  ) {
    this.action = new ActionStatus(host);
  }

  async open(): Promise<void> {
    this.action.clear();
    this.showing = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.element()?.showModal();
  }

  close(): void {
    this.element()?.close();
  }

  /** The `<dialog>`: while it is open, its heading and `content`. */
  render(heading: string, content: () => TemplateResult): TemplateResult {
    return html`<dialog aria-labelledby=${this.showing ? this.titleId : nothing} @close=${this.closed}>
      ${this.showing ? html`<h2 id=${this.titleId}>${heading}</h2>${content()}` : null}
    </dialog>`;
  }

  /** Why the action failed, as an alert; nothing when it did not. */
  errorLine(): TemplateResult | null {
    return errorNotice(this.action.error);
  }

  /** While the dialog's choices are read: "Loading…" until they come, `empty` when there are none. */
  choicesStatus(choices: readonly unknown[] | null, empty: string): TemplateResult {
    return html`${choices === null ? html`<p class="muted">${msg('Loading…', { id: 'share.loading' })}</p>` : null}
    ${choices?.length === 0 ? html`<p class="muted">${empty}</p>` : null}`;
  }

  /** The end of a dialog whose choices act by themselves: why the last one failed, and Cancel. */
  pickerEnd(): TemplateResult {
    return html`${this.errorLine()}
      <div class="row">${this.cancelButton()}</div>`;
  }

  /** The button that closes it without doing anything. */
  cancelButton(): TemplateResult {
    return html`<button type="button" @click=${() => this.close()}>${msg('Cancel', { id: 'social.cancel' })}</button>`;
  }

  /** A form's Cancel and its submit button, which waits while the action is on its way. */
  formButtons(submitLabel: string): TemplateResult {
    return html`${this.cancelButton()}
      <button class="primary" type="submit" ?disabled=${this.action.busy}>${submitLabel}</button>`;
  }

  private readonly closed = () => {
    this.action.clear();
    this.showing = false;
    this.host.requestUpdate();
  };

  private element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }
}
