import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';
import { modelFor } from '../../db/model-for.js';

/** One user liking ("I like") one certified space. Unique per pair, so following is idempotent. */
const fanSchema = new Schema(
  {
    owner: { type: String, required: true },
    fan: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
fanSchema.index({ owner: 1, fan: 1 }, { unique: true });
fanSchema.index({ fan: 1 });

export function fanModel(conn: Connection): Model<InferSchemaType<typeof fanSchema>> {
  return modelFor(conn, 'Fan', fanSchema);
}
