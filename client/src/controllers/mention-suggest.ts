/**
 * `@` suggestions for a text box: typing `@` and the start of a handle or name lists matching friends
 * in a listbox under the box (the box keeps focus, arrows move the active option,
 * Enter or Tab picks it, Escape closes). Picking writes `@handle ` in place of what was typed.
 * The host renders `listbox()` next to the box and spreads `boxAttributes()` on it; both live in the
 * host's shadow root, so `aria-activedescendant` finds its option.
 */
import { msg } from '@lit/localize';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { UserDto } from '../../../shared/dto.js';
import { api } from '../services/api.js';
import { session } from '../services/session.js';

const shown = 6;
/** The `@word` being typed just before the caret. */
const typing = /(?:^|[^a-z0-9_@])@([\p{L}\p{N}_]{0,32})$/iu;

export class MentionSuggest implements ReactiveController {
  private friends: readonly UserDto[] | null = null;
  private loading: Promise<void> | null = null;
  private search: AbortController | null = null;
  private matches: readonly UserDto[] = [];
  private active = 0;
  /** Where the `@` being completed starts in the box's value. */
  private from = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly box: () => HTMLTextAreaElement | HTMLInputElement | null | undefined,
    private readonly idPrefix = 'mention',
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get open(): boolean {
    return this.matches.length > 0;
  }

  /**
   * ARIA attributes of the text box (a textbox with `aria-autocomplete="list"`: a textarea may not take
   * the combobox role): the listbox it controls and its active option, while the list is open.
   */
  boxAttributes() {
    return {
      controls: this.open ? `${this.idPrefix}-list` : nothing,
      activedescendant: this.open ? `${this.idPrefix}-${this.matches[this.active]!.id}` : nothing,
    };
  }

  readonly onInput = (): void => {
    const el = this.box();
    if (!el) return;
    const before = el.value.slice(0, el.selectionStart ?? el.value.length);
    const m = typing.exec(before);
    if (!m) return this.close();
    this.from = before.length - m[1]!.length - 1;
    void this.suggest(m[1]!.toLowerCase());
  };

  readonly onKeydown = (e: KeyboardEvent): void => {
    if (!this.open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.host.requestUpdate();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      this.pick(this.matches[this.active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    }
  };

  readonly onBlur = (): void => this.close();

  // The options are picked from the keyboard in the textarea (arrows and Enter, aria-activedescendant), so a click
  // on an option needs no key handler of its own.
  /* eslint-disable lit-a11y/click-events-have-key-events */
  listbox() {
    if (!this.open) return nothing;
    return html`<ul class="mention-list" role="listbox" id=${`${this.idPrefix}-list`} aria-label=${msg('Friends to mention', { id: 'mention.listLabel' })}>
      ${this.matches.map(
        (u, i) => html`<li role="option" id=${`${this.idPrefix}-${u.id}`} aria-selected=${i === this.active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick(u)}>
          <b>${u.displayName}</b> <span class="muted">@${u.handle}</span>
        </li>`,
      )}
    </ul>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

  private async suggest(prefix: string): Promise<void> {
    this.loading ??= api
      .call('GET /friends')
      .then(({ friends }) => void (this.friends = friends))
      .catch(() => void (this.friends = []));
    await this.loading;
    const fits = (u: UserDto) => u.handle.toLowerCase().startsWith(prefix) || u.displayName.toLowerCase().startsWith(prefix);
    const friends = (this.friends ?? []).filter(fits);
    this.show(friends);
    // Anyone else by name or handle too (the people search: Han variants, pinyin), after the friends.
    if (!prefix) return;
    this.search?.abort();
    const search = (this.search = new AbortController());
    try {
      const { users } = await api.call('GET /users', { query: { q: prefix, limit: shown }, signal: search.signal });
      if (search.signal.aborted || this.from < 0) return;
      const me = session.me?.id;
      const known = new Set(friends.map((u) => u.id));
      this.show([...friends, ...users.filter((u) => !known.has(u.id) && u.id !== me)]);
    } catch {
      // offline or overtaken by the next keystroke: the friends stay listed
    }
  }

  private show(users: readonly UserDto[]): void {
    this.matches = users.slice(0, shown);
    this.active = 0;
    this.host.requestUpdate();
  }

  private pick(user: UserDto): void {
    const el = this.box();
    if (!el || this.from < 0) return this.close();
    const caret = el.selectionStart ?? el.value.length;
    const inserted = `@${user.handle} `;
    el.value = el.value.slice(0, this.from) + inserted + el.value.slice(caret);
    const at = this.from + inserted.length;
    el.setSelectionRange(at, at);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    this.close();
  }

  private close(): void {
    if (!this.matches.length && this.from < 0) return;
    this.matches = [];
    this.from = -1;
    this.host.requestUpdate();
  }
}

/** The listbox's look, for hosts that render it (wrap the box and the list in `.mention-wrap`). */
export const mentionListStyles = css`
  .mention-wrap { position: relative; }
  .mention-list { position: absolute; z-index: 5; left: 0; top: 100%; margin: 2px 0 0; padding: 4px 0; list-style: none;
    min-width: 220px; background: var(--kj-panel); border: 1px solid var(--kj-line); border-radius: 8px; box-shadow: var(--kj-shadow); }
  .mention-list li { padding: 6px 12px; cursor: pointer; }
  .mention-list li[aria-selected='true'] { background: var(--kj-accent-soft); }
`;
