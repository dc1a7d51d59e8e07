/** Input schemas of the notifications module: listing, catch-up, marking read, mute settings. */
import { z } from 'zod';

export const notificationKinds = [
  'comment',
  'reply',
  'like',
  'friend_request',
  'friend_accept',
  'guestbook',
  'invite',
  'moderation',
  'mention',
  'repost',
  'report',
  'approved',
  'care',
] as const;

export const notificationKind = z.enum(notificationKinds);

/** A notification number: per user, starting at 1; 0 means "before the first". */
const seq = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `GET /api/notifications?after=&limit=`: oldest first, seq > after. */
export const notificationListQuery = z.strictObject({
  after: seq.default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

/** `notifications:sync { after }`: what a reconnecting client missed. */
export const notificationSyncPayload = z.strictObject({
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(500).default(500),
});

/** `POST /api/notifications/read { upTo }`. */
export const markReadBody = z.strictObject({ upTo: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type MarkReadBody = z.infer<typeof markReadBody>;

/** `PUT /api/notifications/settings { muted }`. */
export const notificationSettingsBody = z.strictObject({
  muted: z.array(notificationKind).max(notificationKinds.length),
});
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBody>;
