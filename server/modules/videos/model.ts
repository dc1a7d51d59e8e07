/** Uploaded videos: one file and its poster each, attached to at most one post. */
import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelFor } from '../../db/model-for.js';

const videoSchema = new Schema(
  {
    owner: { type: String, required: true },
    /** The post carrying it; null until a post claims it (one post per video, set once). */
    post: { type: String, default: null },
    container: { type: String, enum: ['mp4', 'webm'], required: true },
    mime: { type: String, required: true },
    /** Bytes of the video and its poster, as counted against the owner's quota. */
    bytes: { type: Number, required: true },
    durationMs: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
videoSchema.index({ owner: 1 });
videoSchema.index({ post: 1 }, { partialFilterExpression: { post: { $type: 'string' } } });
// Videos no post carries, oldest first: what the orphan sweep deletes once their grace has passed.
videoSchema.index({ post: 1, createdAt: 1 });

export interface StoredVideo {
  readonly _id: Types.ObjectId;
  readonly owner: string;
  readonly post: string | null;
  readonly container: 'mp4' | 'webm';
  readonly mime: string;
  readonly bytes: number;
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
  readonly createdAt: Date;
}

export function videoModel(conn: Connection): Model<InferSchemaType<typeof videoSchema>> {
  return modelFor(conn, 'Video', videoSchema);
}
