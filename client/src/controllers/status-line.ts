/**
 * A screen's one line of news about what the user just did (a rule added, a request sent, a setting
 * saved): what happened, or why it failed in the user's words. Read out politely (role=status); the
 * host places it with `render()`, and this asks it to update when the line changes.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { errorText } from '../services/api.js';

export class StatusLine {
  text = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Says `text` from now on ('' says nothing). */
  show(text: string): void {
    this.text = text;
    this.host.requestUpdate();
  }

  /** Runs `work`, which may `show` how it went; when it fails, the line says why. Resolves whether it succeeded. */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (err) {
      this.show(errorText(err));
      return false;
    }
  }

  /** The line, when there is something to say (`className`: the host's look for it). */
  render(className = 'notice'): TemplateResult | null {
    return this.text ? html`<p class=${className} role="status">${this.text}</p>` : null;
  }
}
