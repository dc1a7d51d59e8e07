/**
 * Private messages on this page: the conversation list, the messages of opened conversations, the
 * unread total (the header's badge) and who is typing. Live events keep it current; after a reconnect
 * `chat:sync` fetches exactly what was missed (the inbox cursor is the highest `inboxSeq` held in
 * order). Sending goes over the socket (`chat:send`) with a `clientId`, so a retry never doubles.
 */
import type { ConversationDto, MessageDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { realtime } from './realtime.js';
import { session } from './session.js';

/** How long a "typing" lasts on screen without another one. */
const typingShowsMs = 4_000;
/** The client sends at most one typing event in this time (the hub relays at most one per 2 s). */
const typingEveryMs = 2_000;

/** What a message carries besides its text: one of the sender's photos, or a shared post. */
export type MessageContent = { readonly photoId: string } | { readonly postId: string };

export interface IncomingMessage {
  readonly message: MessageDto;
}

class Chat extends EventTarget {
  conversations: ConversationDto[] = [];
  unread = 0;
  private cursor = 0;
  private loaded = false;
  private readonly threads = new Map<string, MessageDto[]>();
  private readonly typingUntil = new Map<string, number>();
  private readonly lastTypingSent = new Map<string, number>();

  constructor() {
    super();
    realtime.on('chat:message', ({ message }) => this.receive([message], true));
    realtime.on('chat:read', (p) => this.applyRead(p.conversationId, p.by, p.upTo));
    realtime.on('chat:recall', ({ conversationId, messageId }) => this.applyRecall(conversationId, messageId));
    realtime.on('chat:typing', ({ conversationId }) => {
      this.typingUntil.set(conversationId, Date.now() + typingShowsMs);
      this.changed();
      setTimeout(() => this.changed(), typingShowsMs + 50);
    });
    realtime.addEventListener('connected', () => void this.catchUp());
    session.addEventListener('change', () => {
      if (session.status !== 'signed-in') this.reset();
    });
  }

  /** The messages of a conversation held here, oldest first. */
  thread(conversationId: string | null): readonly MessageDto[] {
    return conversationId ? (this.threads.get(conversationId) ?? []) : [];
  }

  isTyping(conversationId: string | null): boolean {
    return conversationId !== null && (this.typingUntil.get(conversationId) ?? 0) > Date.now();
  }

  /** Loads the newest page of the conversation with `handle`; answers its id (null while it has no message). */
  async open(handle: string): Promise<string | null> {
    const { messages } = await api.call('GET /conversations/:handle/messages', { params: { handle }, query: { limit: 50 } });
    const id = messages[0]?.conversationId ?? this.conversations.find((c) => c.peer.handle === handle)?.id ?? null;
    if (id) this.threads.set(id, [...messages].reverse());
    this.changed();
    return id;
  }

  /** Sends a text, one of my photos or a post to `handle` over the socket (REST when offline); answers the stored message. */
  async send(handle: string, content: string | MessageContent): Promise<MessageDto> {
    const clientId = crypto.randomUUID();
    const body = { ...(typeof content === 'string' ? { text: content } : content), clientId };
    const { message } =
      realtime.state === 'online'
        ? await realtime.request('chat:send', { to: handle, ...body })
        : await api.call('POST /conversations/:handle/messages', { params: { handle }, body });
    this.receive([message], false);
    return message;
  }

  /** Marks the conversation read up to its newest message from the peer. */
  async markRead(handle: string, conversationId: string): Promise<void> {
    const me = session.me?.id;
    const thread = this.thread(conversationId);
    const unreadFromPeer = thread.filter((m) => m.from.id !== me && !m.read && !m.recalled);
    const listed = this.conversations.find((c) => c.id === conversationId);
    if (!unreadFromPeer.length && !listed?.unread) return;
    const upTo = Math.max(...thread.map((m) => m.seq));
    const { unread } = await api.call('POST /conversations/:handle/read', { params: { handle }, body: { upTo } });
    this.applyRead(conversationId, me ?? '', upTo);
    this.unread = unread;
    this.changed();
  }

  async recall(messageId: string): Promise<void> {
    const { message } = await api.call('POST /messages/:id/recall', { params: { id: messageId } });
    this.applyRecall(message.conversationId, message.id);
  }

  /** Tells the friend one is typing, at most once per 2 s. */
  typing(handle: string): void {
    const last = this.lastTypingSent.get(handle) ?? 0;
    if (Date.now() - last < typingEveryMs || realtime.state !== 'online') return;
    this.lastTypingSent.set(handle, Date.now());
    void realtime.request('chat:typing', { to: handle }).catch(() => undefined);
  }

  /** The conversation list (first connect) or what was missed (reconnects). */
  private async catchUp(): Promise<void> {
    try {
      if (!this.loaded) {
        const { conversations } = await api.call('GET /conversations', { query: { limit: 50 } });
        this.conversations = conversations;
        this.cursor = Math.max(this.cursor, 0, ...conversations.map((c) => c.last?.inboxSeq ?? 0));
        this.loaded = true;
      }
      const { messages, unread } = await realtime.request('chat:sync', { after: this.cursor });
      this.receive(messages, false);
      this.unread = unread;
      this.changed();
    } catch {
      // Not reachable now; the next connect tries again.
    }
  }

  private receive(messages: readonly MessageDto[], live: boolean): void {
    const me = session.me?.id;
    for (const message of messages) {
      const thread = this.threads.get(message.conversationId) ?? [];
      const known = thread.some((m) => m.id === message.id);
      if (!known)
        this.threads.set(
          message.conversationId,
          [...thread, message].sort((a, b) => a.seq - b.seq),
        );
      if (message.inboxSeq !== undefined && message.inboxSeq === this.cursor + 1) this.cursor = message.inboxSeq;
      else if (message.inboxSeq !== undefined && message.inboxSeq > this.cursor && !live) this.cursor = message.inboxSeq;
      else if (message.inboxSeq !== undefined && message.inboxSeq > this.cursor + 1) void this.catchUp(); // a gap: fetch it
      const listed = this.conversations.find((c) => c.id === message.conversationId);
      const fromPeer = message.from.id !== me;
      if (listed) {
        const rest = this.conversations.filter((c) => c !== listed);
        const newer = !listed.last || listed.last.seq <= message.seq;
        const bump = fromPeer && !known && !message.read && !message.recalled ? 1 : 0;
        const updated = { ...listed, ...(newer ? { last: message, updatedAt: message.sentAt } : {}), unread: listed.unread + bump };
        this.conversations = newer ? [updated, ...rest] : this.conversations.map((c) => (c === listed ? updated : c));
      } else if (this.loaded) {
        void this.reloadList();
      }
      if (live && fromPeer && !known) {
        this.unread += 1;
        this.typingUntil.delete(message.conversationId);
        this.dispatchEvent(new CustomEvent<IncomingMessage>('incoming', { detail: { message } }));
      }
    }
    this.changed();
  }

  private async reloadList(): Promise<void> {
    try {
      this.conversations = (await api.call('GET /conversations', { query: { limit: 50 } })).conversations;
      this.changed();
    } catch {
      // The next message or reconnect tries again.
    }
  }

  private applyRead(conversationId: string, by: string, upTo: number): void {
    const thread = this.threads.get(conversationId);
    if (thread)
      this.threads.set(
        conversationId,
        thread.map((m) => (m.from.id !== by && m.seq <= upTo ? { ...m, read: true } : m)),
      );
    if (by === session.me?.id) {
      const listed = this.conversations.find((c) => c.id === conversationId);
      if (listed?.unread) {
        this.unread = Math.max(0, this.unread - listed.unread);
        this.conversations = this.conversations.map((c) => (c === listed ? { ...c, unread: 0 } : c));
      }
    }
    this.changed();
  }

  private applyRecall(conversationId: string, messageId: string): void {
    const recall = (m: MessageDto): MessageDto =>
      m.id === messageId ? { id: m.id, conversationId, seq: m.seq, from: m.from, sentAt: m.sentAt, recalled: true } : m;
    const thread = this.threads.get(conversationId);
    if (thread) this.threads.set(conversationId, thread.map(recall));
    this.conversations = this.conversations.map((c) => (c.id === conversationId && c.last ? { ...c, last: recall(c.last) } : c));
    this.changed();
  }

  private reset(): void {
    this.conversations = [];
    this.unread = 0;
    this.cursor = 0;
    this.loaded = false;
    this.threads.clear();
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const chat = new Chat();
