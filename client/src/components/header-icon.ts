/** What the header's round icons with an unread count share (the bell, the chat icon): their look and the badge. */
import { css, html, type TemplateResult } from 'lit';

export const headerIconStyles = css`
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
export function unreadBadge(unread: number, testId: string): TemplateResult | null {
  return unread ? html`<span class="count" data-testid=${testId}>${unread > 99 ? '99+' : unread}</span>` : null;
}
