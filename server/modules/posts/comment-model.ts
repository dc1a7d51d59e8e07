/** Comments on posts, one level of replies (`parentId` names a top-level comment of the same post). */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { PostStatus } from '../../../shared/dto.js';
import { postStatus } from '../../../shared/schemas/dto/enums.js';

/** A comment is published, or waiting for a moderator (`held`, `review`) or for the post's owner (`pending`, v1.2). */
export type CommentStatus = Extract<PostStatus, 'published' | 'held' | 'review'> | 'pending';

export interface CommentRecord {
  readonly _id: Types.ObjectId;
  readonly post: Types.ObjectId;
  readonly author: Types.ObjectId;
  readonly text: string;
  readonly parentId: Types.ObjectId | null;
  readonly status: CommentStatus;
  readonly createdAt: Date;
  /** v1.2: the post's owner, on a comment waiting for their approval (their pending list reads by it). */
  readonly postOwner?: Types.ObjectId;
}

const commentSchema = new Schema<CommentRecord>(
  {
    post: { type: Schema.Types.ObjectId, required: true },
    author: { type: Schema.Types.ObjectId, required: true },
    text: { type: String, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    // `pending` (waiting for the post's owner) is the store's alone: the wire shows such a comment as `pending: true`.
    status: { type: String, enum: [...postStatus.extract(['published', 'held', 'review']).options, 'pending'], required: true },
    createdAt: { type: Date, required: true },
    postOwner: { type: Schema.Types.ObjectId },
  },
  { strict: 'throw', versionKey: false },
);
// A post's comments, oldest first.
commentSchema.index({ post: 1, createdAt: 1, _id: 1 });
// Replies of one comment (removed with it).
commentSchema.index({ parentId: 1 });
// v1.2: the comments waiting for one owner's approval.
commentSchema.index({ postOwner: 1, status: 1 }, { partialFilterExpression: { status: 'pending' } });

export function commentModel(conn: Connection): Model<CommentRecord> {
  return (conn.models.PostComment as Model<CommentRecord> | undefined) ?? conn.model<CommentRecord>('PostComment', commentSchema);
}
