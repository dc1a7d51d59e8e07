/** Comments on posts, one level of replies (`parentId` names a top-level comment of the same post). */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { PostStatus } from '../../../shared/dto.js';

/** A comment is published, or waiting for a moderator (`held`, `review`). */
export type CommentStatus = Extract<PostStatus, 'published' | 'held' | 'review'>;

export interface CommentRecord {
  readonly _id: Types.ObjectId;
  readonly post: Types.ObjectId;
  readonly author: Types.ObjectId;
  readonly text: string;
  readonly parentId: Types.ObjectId | null;
  readonly status: CommentStatus;
  readonly createdAt: Date;
}

const commentSchema = new Schema<CommentRecord>(
  {
    post: { type: Schema.Types.ObjectId, required: true },
    author: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, enum: ['published', 'held', 'review'], required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// A post's comments, oldest first.
commentSchema.index({ post: 1, createdAt: 1, _id: 1 });
// Replies of one comment (removed with it).
commentSchema.index({ parentId: 1 });

export function commentModel(conn: Connection): Model<CommentRecord> {
  return (conn.models.PostComment as Model<CommentRecord> | undefined) ?? conn.model<CommentRecord>('PostComment', commentSchema);
}
