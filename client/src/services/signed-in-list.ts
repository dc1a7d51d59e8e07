/**
 * A list the signed-in user owns (whom they block, their friend groups…), loaded once per sign-in and
 * shared by every component that shows it: a change made in one shows in the others at once (`change`).
 */
import { session } from './session.js';

export abstract class SignedInList<T> extends EventTarget {
  protected items: T[] = [];
  loaded = false;
  private loading: Promise<void> | null = null;

  constructor() {
    super();
    session.addEventListener('change', () => {
      if (session.status !== 'signed-in') this.set([], false);
    });
  }

  /** Reads the whole list from the hub. */
  protected abstract fetch(): Promise<T[]>;

  /** Loads the list once per sign-in (again when `force`). */
  load(force = false): Promise<void> {
    if (this.loaded && !force) return Promise.resolve();
    this.loading ??= this.fetch()
      .then((items) => this.set(items, true))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** Replaces the list as it is now known (keeping whether it was loaded) and tells the listeners. */
  protected replace(items: T[]): void {
    this.set(items, this.loaded);
  }

  private set(items: T[], loaded: boolean): void {
    this.items = items;
    this.loaded = loaded;
    this.dispatchEvent(new Event('change'));
  }
}
