/**
 * Notifications people notice: turns live notifications and messages into a toast while the page is
 * in view, a desktop notification while the tab is hidden (opening the right place when clicked), a
 * short beep, and the unread total in the tab title, e.g. `(3) 好友动态 · 空间 Kongjian`. Each is a
 * switch kept per browser (localStorage). Muted notification kinds are never pushed by the hub, so
 * they stay silent here too. The desktop permission is asked only from the settings switch.
 */
import { msg, str } from '@lit/localize';
import type { MessageDto, NotificationDto } from '../../../shared/dto.js';
import { messagePreview } from '../chat-format.js';
import { describe, linkFor } from '../components/kj-notifications-page.js';
import { chat } from './chat.js';
import { notifications } from './notifications.js';
import { realtime } from './realtime.js';
import { router } from './router.js';
import { session } from './session.js';
import { toasts } from './toasts.js';

export interface AttentionSettings {
  readonly toasts: boolean;
  readonly desktop: boolean;
  readonly sound: boolean;
  readonly title: boolean;
}

const storageKey = 'kongjian.attention';
const defaults: AttentionSettings = { toasts: true, desktop: false, sound: false, title: true };
const countPrefix = /^\(\d+\+?\) /;

class Attention extends EventTarget {
  settings: AttentionSettings = { ...defaults, ...this.stored() };
  private audio: AudioContext | null = null;

  constructor() {
    super();
    realtime.on('notification', ({ notification }) => this.notice(this.fromNotification(notification)));
    chat.addEventListener('incoming', (e) => this.onMessage((e as CustomEvent<{ message: MessageDto }>).detail.message));
    notifications.addEventListener('change', () => this.applyTitle());
    chat.addEventListener('change', () => this.applyTitle());
    // The shell renames the tab on every page change; put the count back in front.
    const title = document.querySelector('title');
    if (title) new MutationObserver(() => this.applyTitle()).observe(title, { childList: true, characterData: true, subtree: true });
  }

  /** Changes one switch; turning desktop notifications on asks the browser's permission (from this click only). */
  async set<K extends keyof AttentionSettings>(key: K, value: AttentionSettings[K]): Promise<void> {
    let next = value;
    if (key === 'desktop' && value && 'Notification' in window && Notification.permission !== 'granted') {
      next = (await Notification.requestPermission()) === 'granted';
    }
    this.settings = { ...this.settings, [key]: next };
    localStorage.setItem(storageKey, JSON.stringify(this.settings));
    this.applyTitle();
    this.dispatchEvent(new Event('change'));
  }

  /** Whether the browser can show desktop notifications at all, and whether it was refused. */
  desktopState(): 'unsupported' | 'denied' | 'default' | 'granted' {
    return 'Notification' in window ? Notification.permission : 'unsupported';
  }

  private stored(): Partial<AttentionSettings> {
    try {
      const raw = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Record<string, unknown>;
      return Object.fromEntries(Object.entries(raw).filter(([k, v]) => k in defaults && typeof v === 'boolean'));
    } catch {
      return {};
    }
  }

  private fromNotification(n: NotificationDto) {
    return {
      title: msg('New notification', { id: 'attention.notification' }),
      body: describe(n),
      link: linkFor(n, session.me?.handle),
      tag: `n${n.seq}`,
    };
  }

  private onMessage(m: MessageDto): void {
    const route = router.route;
    // The conversation on screen shows it already.
    if (document.visibilityState === 'visible' && route.name === 'chat' && route.handle === m.from.handle) return;
    this.notice({
      title: msg(str`${m.from.displayName} sent you a message`, { id: 'attention.message' }),
      body: messagePreview(m, false),
      link: `/chat/${m.from.handle}`,
      tag: `m${m.id}`,
    });
  }

  private notice(n: { title: string; body: string; link: string; tag: string }): void {
    const hidden = document.visibilityState === 'hidden';
    if (hidden && this.settings.desktop && this.desktopState() === 'granted') {
      const shown = new Notification(n.title, { body: n.body, tag: n.tag, lang: document.documentElement.lang });
      shown.onclick = () => {
        window.focus();
        router.go(n.link);
        shown.close();
      };
    } else if (!hidden && this.settings.toasts) {
      toasts.show(`${n.title}: ${n.body}`, { actions: [{ label: msg('Open', { id: 'attention.open' }), run: () => router.go(n.link) }] });
    }
    if (this.settings.sound) this.beep();
  }

  /** A short two-tone beep made on the spot (no sound file). */
  private beep(): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      const gain = ctx.createGain();
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
      gain.connect(ctx.destination);
      const tone = ctx.createOscillator();
      tone.frequency.setValueAtTime(880, ctx.currentTime);
      tone.frequency.setValueAtTime(1175, ctx.currentTime + 0.1);
      tone.connect(gain);
      tone.start();
      tone.stop(ctx.currentTime + 0.26);
    } catch {
      // No audio here (or not allowed before a gesture): stay silent.
    }
  }

  /** `(n) ` in front of the tab title while anything is unread and the switch is on. */
  private applyTitle(): void {
    const base = document.title.replace(countPrefix, '');
    const total = notifications.unread + chat.unread;
    const next = this.settings.title && total > 0 && session.me ? `(${total > 99 ? '99+' : total}) ${base}` : base;
    if (next !== document.title) document.title = next;
  }
}

export const attention = new Attention();
