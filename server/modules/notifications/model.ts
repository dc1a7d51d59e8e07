/**
 * Notifications, numbered per recipient. The unique `{ userId, seq }` index makes "take the next
 * number" and "store the notification" one atomic insert: two writers that pick the same number
 * cannot both succeed, so numbers never skip and a later number never becomes visible first.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { NotificationKind, NotificationSubject } from '../../../shared/dto.js';
import { notificationKinds } from '../../../shared/schemas/notifications.js';

export interface NotificationRecord {
  readonly _id: Types.ObjectId;
  readonly userId: string;
  readonly seq: number;
  readonly kind: NotificationKind;
  readonly actorId: string | null;
  readonly subject: NotificationSubject;
  /** Unread notifications with one key fold into the newest (e.g. likes on one post). */
  readonly groupKey: string | null;
  /** Stored at most once per recipient (e.g. `mention:post:<id>`): a repeated announce adds nothing. Absent on most. */
  readonly onceKey?: string;
  readonly read: boolean;
  /** Folded into a newer one of its group: hidden from lists and counts. */
  readonly superseded: boolean;
  readonly createdAt: Date;
}

const subjectSchema = new Schema<NotificationSubject>(
  {
    type: { type: String, required: true },
    id: { type: String, required: true },
    excerpt: { type: String },
    count: { type: Number },
    detail: { type: String },
    parentId: { type: String },
  },
  { _id: false, strict: 'throw' },
);

const notificationSchema = new Schema<NotificationRecord>(
  {
    userId: { type: String, required: true },
    seq: { type: Number, required: true },
    kind: { type: String, enum: notificationKinds, required: true },
    actorId: { type: String, default: null },
    subject: { type: subjectSchema, required: true },
    groupKey: { type: String, default: null },
    onceKey: { type: String },
    read: { type: Boolean, required: true, default: false },
    superseded: { type: Boolean, required: true, default: false },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
notificationSchema.index({ userId: 1, seq: 1 }, { unique: true });
notificationSchema.index({ userId: 1, read: 1, seq: 1 });
notificationSchema.index({ userId: 1, groupKey: 1, read: 1 });
// A notification with a once key exists at most once per recipient, whichever node stores it.
notificationSchema.index({ userId: 1, onceKey: 1 }, { unique: true, partialFilterExpression: { onceKey: { $type: 'string' } } });

export interface NotificationSettingsRecord {
  /** The user id. */
  readonly _id: string;
  readonly muted: NotificationKind[];
}

const settingsSchema = new Schema<NotificationSettingsRecord>(
  {
    _id: { type: String, required: true },
    muted: { type: [String], enum: notificationKinds, default: [] },
  },
  { strict: 'throw', versionKey: false },
);

export function notificationModel(conn: Connection): Model<NotificationRecord> {
  return (
    (conn.models.Notification as Model<NotificationRecord> | undefined) ??
    conn.model<NotificationRecord>('Notification', notificationSchema)
  );
}

export function notificationSettingsModel(conn: Connection): Model<NotificationSettingsRecord> {
  return (
    (conn.models.NotificationSettings as Model<NotificationSettingsRecord> | undefined) ??
    conn.model<NotificationSettingsRecord>('NotificationSettings', settingsSchema)
  );
}
