/** A small bus for toasts: anything can post one; `<kj-toasts>` shows them in an aria-live region. */

export interface ToastAction {
  readonly label: string;
  readonly run: () => void | Promise<void>;
}

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'success' | 'error';
  readonly actions: readonly ToastAction[];
  /** Milliseconds before it goes by itself; 0 keeps it until dismissed. */
  readonly timeout: number;
}

let nextId = 1;

class Toasts extends EventTarget {
  items: Toast[] = [];

  show(text: string, options: Partial<Omit<Toast, 'id' | 'text'>> = {}): number {
    const toast: Toast = {
      id: nextId++,
      text,
      tone: options.tone ?? 'info',
      actions: options.actions ?? [],
      timeout: options.timeout ?? 6_000,
    };
    this.items = [...this.items, toast].slice(-5);
    if (toast.timeout > 0) setTimeout(() => this.dismiss(toast.id), toast.timeout);
    this.dispatchEvent(new Event('change'));
    return toast.id;
  }

  dismiss(id: number): void {
    const before = this.items.length;
    this.items = this.items.filter((t) => t.id !== id);
    if (this.items.length !== before) this.dispatchEvent(new Event('change'));
  }
}

export const toasts = new Toasts();
