import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { shared } from '../styles/shared.js';

/** How far ahead a post may be scheduled (the contract: a minute to 30 days). */
const earliestMs = 60_000;
const latestMs = 30 * 24 * 60 * 60_000;

/** `date` as a `datetime-local` input shows it: local time, to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input's value as an ISO instant; undefined when empty or not a time. */
export function fromLocalInput(value: string): string | undefined {
  const at = value ? new Date(value) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}

/** The bounds a `datetime-local` input for a scheduled post offers. */
export function scheduleBounds(now = Date.now()): { min: string; max: string } {
  return { min: toLocalInput(new Date(now + earliestMs)), max: toLocalInput(new Date(now + latestMs)) };
}

/**
 * The composer's "schedule" switch (定时发表): off, the post goes out at once; on, a date-and-time
 * field (the browser's own, in the reader's language) picks when, a minute to 30 days ahead.
 */
@localized()
@customElement('kj-schedule-picker')
export class KjSchedulePicker extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: inline-flex; gap: 6px; align-items: center; flex-wrap: wrap; }
      button[aria-pressed='true'] { background: var(--kj-accent-soft); border-color: var(--kj-accent); font-weight: 700; }
      input { width: auto; max-width: 100%; }
    `,
  ];

  @state() private on = false;
  @query('input') private input?: HTMLInputElement;

  /** The chosen time (ISO), or undefined to publish now. */
  get publishAt(): string | undefined {
    return this.on && this.input ? fromLocalInput(this.input.value) : undefined;
  }

  /** Whether scheduling is on but no time is picked. */
  get missing(): boolean {
    return this.on && this.publishAt === undefined;
  }

  reset(): void {
    this.on = false;
  }

  override render() {
    const { min, max } = scheduleBounds();
    // The default, an hour from now, as an attribute: a time the person picked is not overwritten.
    const initial = toLocalInput(new Date(Date.now() + 60 * 60_000));
    return html`<button type="button" aria-pressed=${this.on ? 'true' : 'false'} @click=${() => (this.on = !this.on)}>
        <span aria-hidden="true">⏰</span> ${msg('Schedule', { id: 'schedule.toggle' })}
      </button>
      ${
        this.on
          ? html`<label class="sr-only" for="publish-at">${msg('Publish at', { id: 'schedule.at' })}</label>
            <input id="publish-at" type="datetime-local" min=${min} max=${max} value=${initial} required />`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kj-schedule-picker': KjSchedulePicker;
  }
}
