/** v1.2 input schemas of private messages (QQ-style chat between friends). */
import { z } from 'zod';
import { handle, objectId, text } from './common.js';

/** A message's text: 1–2000 characters once trimmed. */
export const maxMessageChars = 2000;
/** How long after sending its sender may still recall a message. */
export const recallWindowMs = 2 * 60_000;
/** At most one `chat:typing` per sender → recipient in this time; more are dropped silently. */
export const typingIntervalMs = 2000;

/** A per-conversation message number (from 1) or a per-user inbox number; 0 means "before the first". */
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const messageFields = {
  text: text(1, maxMessageChars).optional(),
  photoId: objectId.optional(),
  postId: objectId.optional(),
  /** Chosen by the client (a UUID): a retry with the same one answers the first message. */
  clientId: z.uuid(),
};
const hasContent = (m: { text?: string | undefined; photoId?: string | undefined; postId?: string | undefined }) =>
  m.text !== undefined || m.photoId !== undefined || m.postId !== undefined;
const oneAttachment = (m: { photoId?: string | undefined; postId?: string | undefined }) => !(m.photoId && m.postId);
const contentRule = { message: 'a message needs text, a photo or a post', path: ['text'] };
const attachmentRule = { message: 'a message carries one photo or one post, not both', path: ['photoId'] };

/** `POST /api/conversations/:handle/messages`. */
export const sendMessageBody = z.strictObject(messageFields).refine(hasContent, contentRule).refine(oneAttachment, attachmentRule);
export type SendMessageBody = z.infer<typeof sendMessageBody>;

/** `chat:send { to, … }`: the REST send over the socket. */
export const chatSendPayload = z
  .strictObject({ to: handle, ...messageFields })
  .refine(hasContent, contentRule)
  .refine(oneAttachment, attachmentRule);

/** `GET /api/conversations?cursor=`. */
export const conversationListQuery = z.strictObject({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(30),
});

/** `GET /api/conversations/:handle/messages?before=&limit=`: newest first, seq < before. */
export const messagePageQuery = z.strictObject({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** `POST /api/conversations/:handle/read { upTo }`. */
export const chatReadBody = z.strictObject({ upTo: seq });

/** `chat:typing { to }`. */
export const chatTypingPayload = z.strictObject({ to: handle });

/** `chat:sync { after }`: every message of the caller's inbox numbered after `after`. */
export const chatSyncPayload = z.strictObject({
  after: seq,
  limit: z.number().int().min(1).max(500).default(500),
});

export const messageIdParams = z.strictObject({ id: objectId });
