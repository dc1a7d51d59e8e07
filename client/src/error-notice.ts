/** How a screen says what went wrong: a notice read out at once (an alert); nothing when all is well. */
import { html, type TemplateResult } from 'lit';

export function errorNotice(message: string): TemplateResult | null {
  return message ? html`<p class="notice error" role="alert">${message}</p>` : null;
}
