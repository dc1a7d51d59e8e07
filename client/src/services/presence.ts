/** Which friends are online: the list on every connect, then `presence` pushes. */
import { realtime } from './realtime.js';

class Presence extends EventTarget {
  private online = new Set<string>();

  constructor() {
    super();
    realtime.on('presence', ({ userId, online }) => {
      if (online) this.online.add(userId);
      else this.online.delete(userId);
      this.changed();
    });
    realtime.addEventListener('connected', () => void this.refresh());
    // A new friend's dot is right at once (their next presence change may be hours away); an ex-friend's goes.
    realtime.on('friend:change', () => void this.refresh());
  }

  isOnline(userId: string): boolean {
    return this.online.has(userId);
  }

  private async refresh(): Promise<void> {
    try {
      const { online } = await realtime.request('presence:list', {});
      this.online = new Set(online);
      this.changed();
    } catch {
      // Presence is a nicety; without it friends just show no dot.
    }
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const presence = new Presence();
