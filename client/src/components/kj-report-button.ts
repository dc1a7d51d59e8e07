import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReportSubjectKind } from '../../../shared/dto.js';
import { ModalDialog } from '../controllers/modal-dialog.js';
import { api } from '../services/api.js';
import { toasts } from '../services/toasts.js';
import { shared } from '../styles/shared.js';
import { reportReasons, reasonLabel, type ReportReason } from '../report-reasons.js';
import { formText } from '../form-text.js';

/**
 * "Report" on a post, comment, guestbook entry or user: a dialog with a reason and optional details,
 * sent to the hub's moderators. A second report of the same thing while the first is open is refused
 * by the hub; the reader is told so plainly.
 * @csspart button - the Report button
 */
@localized()
@customElement('kj-report-button')
export class KjReportButton extends LitElement {
  static override styles = [
    shared,
    css`
      /* One fixed height before and after the button renders, so a comment arriving live lays out once
         (its thread keeps the reader's place: ScrollAnchor measures right after the list's update). */
      :host { display: inline-block; vertical-align: top; height: 22px; }
      button.open { height: 22px; min-height: 0; padding: 0 6px; font-size: 0.82rem; line-height: 20px; color: var(--kj-muted); border-color: transparent; }
      dialog { border: 1px solid var(--kj-line); border-radius: var(--kj-radius, 10px); padding: 18px; max-width: min(440px, 92vw); }
      dialog::backdrop { background: rgb(0 0 0 / 35%); }
      dialog h2 { margin-top: 0; font-size: 1.1rem; }
      fieldset { border: none; padding: 0; margin: 0 0 10px; }
      fieldset label { display: flex; gap: 8px; align-items: center; font-weight: 400; margin: 4px 0; }
      .row { justify-content: flex-end; margin-top: 10px; }
    `,
  ];

  @property() kind: ReportSubjectKind = 'post';
  @property({ attribute: 'subject-id' }) subjectId = '';
  /** Whose item it is, for the button's accessible name ("Report the post by Li Si"). */
  @property() owner = '';
  private readonly dialog = new ModalDialog(this, 'report-title');

  override render() {
    return html`<button class="ghost open" part="button" aria-haspopup="dialog" aria-label=${this.buttonLabel()} @click=${() => this.dialog.open()}>${msg('Report', { id: 'report.button' })}</button>
      ${this.dialog.render(this.dialogTitle(), () => this.form())}`;
  }

  private buttonLabel(): string {
    const who = this.owner;
    switch (this.kind) {
      case 'post':
        return who ? msg(str`Report the post by ${who}`, { id: 'report.postBy' }) : msg('Report this post', { id: 'report.post' });
      case 'comment':
        return msg(str`Report the comment by ${who}`, { id: 'report.commentBy' });
      case 'guestbook':
        return msg(str`Report the message from ${who}`, { id: 'report.guestbookBy' });
      case 'user':
        return msg(str`Report ${who}`, { id: 'report.user' });
      case 'message':
        return msg(str`Report the message from ${who}`, { id: 'report.chatMessageBy' });
    }
  }

  private dialogTitle(): string {
    switch (this.kind) {
      case 'post':
        return msg('Report a post', { id: 'report.titlePost' });
      case 'comment':
        return msg('Report a comment', { id: 'report.titleComment' });
      case 'guestbook':
        return msg('Report a guestbook message', { id: 'report.titleGuestbook' });
      case 'user':
        return msg(str`Report ${this.owner}`, { id: 'report.user' });
      case 'message':
        return msg('Report a private message', { id: 'report.titleChatMessage' });
    }
  }

  private form() {
    return html`<form method="dialog" @submit=${this.submit}>
      <fieldset>
        <legend>${msg('Why?', { id: 'report.why' })}</legend>
        ${reportReasons.map(
          (r, i) => html`<label><input type="radio" name="reason" value=${r} ?checked=${i === 0} /> ${reasonLabel(r)}</label>`,
        )}
      </fieldset>
      <label for="report-details">${msg('Details for the moderators (optional)', { id: 'report.details' })}</label>
      <textarea id="report-details" name="details" maxlength="400"></textarea>
      ${this.dialog.errorLine()}
      <div class="row">
        ${this.dialog.formButtons(msg('Send report', { id: 'report.send' }))}
      </div>
    </form>`;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement; // read now: a shadow tree's event loses its target after dispatch
    const data = new FormData(form);
    const reason = (formText(data, 'reason') || 'other') as ReportReason;
    const details = formText(data, 'details').trim();
    await this.dialog.action.run(
      async () => {
        await api.call('POST /reports', {
          body: { subject: { kind: this.kind, id: this.subjectId }, reason: details ? `${reason}: ${details}` : reason },
        });
        form.reset();
        this.dialog.close();
        toasts.show(msg('Thank you — the moderators will look at it.', { id: 'report.sent' }));
      },
      { conflict: msg('You have already reported this; a moderator will look at it.', { id: 'report.already' }) },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-report-button': KjReportButton;
  }
}
