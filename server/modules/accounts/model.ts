import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const userSchema = new Schema(
  {
    handle: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ['user', 'moderator'], default: 'user', required: true },
    tier: { type: String, enum: ['basic', 'yellow'], default: 'basic', required: true },
  },
  { timestamps: true, strict: 'throw' },
);

/** One document whose unique `_id` makes "the first registered user" an atomic fact. */
const markerSchema = new Schema({ _id: { type: String, required: true }, userId: { type: String, required: true } });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: import('mongoose').Types.ObjectId };

export function userModel(conn: Connection): Model<InferSchemaType<typeof userSchema>> {
  return conn.models.User ?? conn.model('User', userSchema);
}

export function markerModel(conn: Connection) {
  return conn.models.Marker ?? conn.model('Marker', markerSchema);
}
