/**
 * Keeps what the reader is looking at in place when content is inserted above it. Call `note()`
 * before a change (in `willUpdate`) and `restore()` after it (in `updated`): the first of the host's
 * items showing in the viewport is the anchor, and the window scrolls by however far it moved. The
 * browser's own scroll anchoring did not hold the place for items inside shadow roots (seen in the
 * e2e test), and measuring viewport positions after layout makes this a no-op wherever it does.
 */
export class ScrollAnchor {
  private anchor: { readonly el: Element; readonly top: number } | null = null;

  /** `items` in document order; `fallback` stands in when the host is wholly above the viewport. */
  constructor(
    private readonly items: () => Iterable<Element>,
    private readonly fallback: () => Element,
  ) {}

  note(): void {
    this.anchor = null;
    const box = this.fallback().getBoundingClientRect();
    if (box.top >= window.innerHeight || window.scrollY === 0) return;
    // Wholly above the viewport: everything the reader sees sits below the host, so its end is the anchor.
    if (box.bottom <= 0) return void (this.anchor = { el: this.fallback(), top: box.bottom });
    for (const el of this.items()) {
      const top = el.getBoundingClientRect().top;
      if (top >= 0) return void (this.anchor = { el, top });
    }
  }

  restore(): void {
    const anchor = this.anchor;
    this.anchor = null;
    if (!anchor?.el.isConnected) return;
    const box = anchor.el.getBoundingClientRect();
    const moved = (anchor.el === this.fallback() ? box.bottom : box.top) - anchor.top;
    if (moved !== 0) window.scrollBy(0, moved);
  }
}
