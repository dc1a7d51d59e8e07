/**
 * The one Socket.IO connection of this tab. Components subscribe by event name through `on()`;
 * subscriptions outlive reconnects and sign-in changes because they are kept here, not on a socket.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientAckFields,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  ServerEventName,
  ServerPayload,
  ServerToClientEvents,
} from '../../../shared/events.js';
import { createApiClient } from '../../../shared/api-client.js';
import { ApiError } from './api.js';
import { session } from './session.js';

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'offline';
type Handler = (payload: never) => void;

const ackTimeoutMs = 8_000;

class Realtime extends EventTarget {
  state: ConnectionState = 'idle';
  private socket: HubSocket | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  /** Whether this socket was online before; the next `connect` is then a reconnect (catch up). */
  private wasOnline = false;

  constructor() {
    super();
    session.addEventListener('change', () => this.follow());
  }

  /** Listens to a server event for as long as the returned function is not called. */
  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Emits with an acknowledgement; rejects when offline, on timeout, or with the server's error. */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<ClientAckFields<E>> {
    const socket = this.socket;
    if (!socket?.connected) throw new ApiError(0, 'network', 'offline'); // errorText words it in the reader's language
    const timed = socket.timeout(ackTimeoutMs);
    // The typed overloads of emitWithAck do not narrow over a generic event name; the maps still bind both ends.
    const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, p: ClientPayload<E>) => Promise<Ack<ClientAckFields<E>>>;
    const answer = await emit(event, payload);
    if (!answer.ok) throw new ApiError(0, answer.error.code, answer.error.message);
    return answer;
  }

  /** Connects while signed in, disconnects when signed out. */
  private follow(): void {
    const token = session.status === 'signed-in' ? session.token : null;
    const current = (this.socket?.auth as { token?: string } | undefined)?.token ?? null;
    if (token === current) return;
    this.socket?.close();
    this.socket = null;
    this.wasOnline = false;
    if (!token) return this.setState('idle');
    void this.open(token);
  }

  private async open(token: string): Promise<void> {
    this.setState('connecting');
    let url = location.origin;
    try {
      ({ realtimeUrl: url } = await createApiClient().call('GET /config'));
    } catch {
      // Fall back to this origin; Socket.IO keeps retrying there.
    }
    if (session.token !== token) return;
    const socket: HubSocket = io(url, { auth: { token }, transports: ['websocket'], reconnectionDelayMax: 5_000 });
    this.socket = socket;
    socket.onAny((event: string, payload: unknown) => {
      for (const handler of this.handlers.get(event) ?? []) (handler as (p: unknown) => void)(payload);
    });
    socket.on('connect', () => {
      const reconnected = this.wasOnline;
      this.wasOnline = true;
      this.setState('online');
      this.dispatchEvent(new CustomEvent('connected', { detail: { reconnected } }));
    });
    socket.on('disconnect', () => this.setState('offline'));
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') session.expire();
      else this.setState('offline');
    });
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new Event('state'));
  }
}

export const realtime = new Realtime();
