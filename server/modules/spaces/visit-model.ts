/**
 * The visit log: one document per (space owner, visitor) holding when that visitor's last counted
 * visit happened. The unique index makes "count once per window" safe under concurrency and
 * across nodes: of two simultaneous first visits, only one insert can win.
 */
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface VisitRecord {
  readonly _id: Types.ObjectId;
  readonly owner: Types.ObjectId;
  readonly visitor: Types.ObjectId;
  readonly lastAt: Date;
}

const visitSchema = new Schema<VisitRecord>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    visitor: { type: Schema.Types.ObjectId, required: true },
    lastAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
visitSchema.index({ owner: 1, visitor: 1 }, { unique: true });
visitSchema.index({ owner: 1, lastAt: -1 });

export function visitModel(conn: Connection): Model<VisitRecord> {
  return (conn.models.SpaceVisit as Model<VisitRecord> | undefined) ?? conn.model<VisitRecord>('SpaceVisit', visitSchema);
}
