/**
 * What the header's round icons with an unread count share (the bell, the chat icon): a link to their
 * page named by what is unread, their look and the red badge, kept live from a store's `unread`.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { StoreController } from '../controllers/store-controller.js';
import { shared } from '../styles/shared.js';

const headerIconStyles = css`
  :host { display: inline-block; }
  a { position: relative; display: grid; place-items: center; width: 38px; height: 38px; border-radius: 50%; color: #fff; }
  a:hover { background: rgb(255 255 255 / 0.2); }
  svg { width: 22px; height: 22px; }
  .count {
    position: absolute; top: -2px; right: -4px; min-width: 19px; height: 19px; padding: 0 5px;
    border-radius: 999px; background: #e03131; color: #fff; font-size: 0.72rem; font-weight: 700;
    display: grid; place-items: center; border: 2px solid #fff;
  }
`;

/** The red count on an icon (99+ past 99), nothing when there is nothing unread. */
function unreadBadge(unread: number, testId: string): TemplateResult | null {
  return unread ? html`<span class="count" data-testid=${testId}>${unread > 99 ? '99+' : unread}</span>` : null;
}

/** One header icon: where it leads, what it draws and says, and the store whose unread count it shows. */
export interface UnreadIconKind {
  readonly href: string;
  readonly store: EventTarget & { readonly unread: number };
  /** The icon's outline: an SVG path in a 24 × 24 box. */
  readonly path: string;
  /** The badge's `data-testid`. */
  readonly badgeTestId: string;
  /** The link's name and tooltip for so many unread. */
  readonly label: (unread: number) => string;
}

/** A header icon of one kind (the subclass passes it), re-rendered whenever its store changes. */
export abstract class UnreadIcon extends LitElement {
  static override styles = [shared, headerIconStyles];

  private readonly store: StoreController<UnreadIconKind['store']>;

  constructor(private readonly kind: UnreadIconKind) {
    super();
    this.store = new StoreController(this, kind.store);
  }

  override render() {
    const unread = this.store.store.unread;
    const label = this.kind.label(unread);
    return html`<a href=${this.kind.href} aria-label=${label} title=${label}>
      <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d=${this.kind.path} /></svg>
      ${unreadBadge(unread, this.kind.badgeTestId)}
    </a>`;
  }
}
