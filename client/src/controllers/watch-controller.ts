/**
 * Tells the hub which post is on screen: `post:watch` when the host scrolls into view, `post:unwatch`
 * when it leaves or is removed, and watches again after a reconnect (rooms do not survive one).
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { realtime } from '../services/realtime.js';

export class WatchController implements ReactiveController {
  private observer: IntersectionObserver | null = null;
  private watching = false;
  private visible = false;
  private readonly onConnected = () => {
    this.watching = false;
    if (this.visible) this.sync();
  };

  constructor(
    private readonly host: ReactiveElement,
    private readonly postId: () => string | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      this.sync();
    });
    this.observer.observe(this.host);
    realtime.addEventListener('connected', this.onConnected);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    realtime.removeEventListener('connected', this.onConnected);
    this.visible = false;
    this.sync();
  }

  private sync(): void {
    const postId = this.postId();
    if (!postId || this.visible === this.watching || realtime.state !== 'online') return;
    this.watching = this.visible;
    realtime.request(this.visible ? 'post:watch' : 'post:unwatch', { postId }).catch(() => {
      // A post that went away or a dropped socket: nothing to watch; reconnect re-syncs.
    });
  }
}
