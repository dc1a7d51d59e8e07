/**
 * One thing the user asked for (a save, a send, a move), run one at a time: `busy` while it is on its
 * way (its button waits), and when it fails `error` says why in the user's words, the general wording
 * or the screen's own for some codes. The host draws both; this asks it to update when they change.
 */
import type { ReactiveControllerHost } from 'lit';
import { errorText, type ErrorWording } from '../services/api.js';

export class ActionStatus {
  busy = false;
  error = '';

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Runs `work` with `busy` set and the last error cleared; resolves whether it succeeded. */
  async run(work: () => Promise<unknown>, wording?: ErrorWording | ((err: unknown) => string)): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await work();
      return true;
    } catch (err) {
      this.error = typeof wording === 'function' ? wording(err) : errorText(err, wording);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Shows an error that no run gave (a read that failed, a form checked before it is sent). */
  fail(message: string): void {
    this.error = message;
    this.host.requestUpdate();
  }

  clear(): void {
    this.fail('');
  }
}
