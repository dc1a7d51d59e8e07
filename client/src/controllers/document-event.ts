/** A listener on the document for as long as its host is on the page (a key pressed anywhere, the tab shown again). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class DocumentEvent<K extends keyof DocumentEventMap> implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly type: K,
    private readonly listener: (e: DocumentEventMap[K]) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener(this.type, this.listener);
  }

  hostDisconnected(): void {
    document.removeEventListener(this.type, this.listener);
  }
}
