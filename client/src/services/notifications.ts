/**
 * The notification bell's state: recent notifications, the unread count and the last `seq` seen.
 * Live pushes keep it current; after a reconnect `notifications:sync` fetches what was missed.
 * Other tabs hear read-marks at once over a BroadcastChannel (other devices via the hub).
 */
import type { NotificationDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { realtime } from './realtime.js';
import { session } from './session.js';

const keep = 100;

class Notifications extends EventTarget {
  items: NotificationDto[] = [];
  unread = 0;
  lastSeq = 0;
  private readonly channel = 'BroadcastChannel' in window ? new BroadcastChannel('kongjian.notifications') : null;

  constructor() {
    super();
    realtime.on('notification', ({ notification, unread }) => {
      this.merge([notification]);
      this.setUnread(unread);
    });
    realtime.on('notifications:read', ({ upTo, unread }) => this.applyRead(upTo, unread));
    // Someone gone took their notifications along (the hub deleted them): drop them, recount.
    realtime.on('user:gone', ({ userId }) => void this.dropActor(userId));
    realtime.addEventListener('connected', () => void this.catchUp());
    session.addEventListener('change', () => {
      if (session.status !== 'signed-in') this.reset();
    });
    this.channel?.addEventListener('message', (e: MessageEvent<{ upTo: number; unread: number }>) =>
      this.applyRead(e.data.upTo, e.data.unread),
    );
  }

  /** Marks everything up to the newest notification read, here and everywhere. */
  async markAllRead(): Promise<void> {
    if (this.unread === 0 || this.lastSeq === 0) return;
    const upTo = this.lastSeq;
    const { unread } = await api.call('POST /notifications/read', { body: { upTo } });
    this.applyRead(upTo, unread);
    this.channel?.postMessage({ upTo, unread });
  }

  private async catchUp(): Promise<void> {
    try {
      if (this.lastSeq === 0 && this.items.length === 0) {
        const res = await api.call('GET /notifications');
        this.merge(res.notifications);
        this.setUnread(res.unread);
      } else {
        const res = await realtime.request('notifications:sync', { after: this.lastSeq });
        this.merge(res.notifications);
        this.setUnread(res.unread);
      }
    } catch {
      // Not reachable now; the next connect tries again.
    }
  }

  private async dropActor(userId: string): Promise<void> {
    if (!this.items.some((n) => n.actor?.id === userId)) return;
    this.items = this.items.filter((n) => n.actor?.id !== userId);
    this.changed();
    try {
      this.setUnread((await api.call('GET /notifications')).unread);
    } catch {
      // The next notification or reconnect brings the count.
    }
  }

  private merge(incoming: readonly NotificationDto[]): void {
    const bySeq = new Map(this.items.map((n) => [n.seq, n]));
    for (const n of incoming) bySeq.set(n.seq, n);
    this.items = [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, keep);
    this.lastSeq = Math.max(this.lastSeq, ...incoming.map((n) => n.seq));
    this.changed();
  }

  private applyRead(upTo: number, unread: number): void {
    this.items = this.items.map((n) => (n.seq <= upTo && !n.read ? { ...n, read: true } : n));
    this.setUnread(unread);
  }

  private setUnread(unread: number): void {
    this.unread = unread;
    this.changed();
  }

  private reset(): void {
    this.items = [];
    this.unread = 0;
    this.lastSeq = 0;
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const notifications = new Notifications();
