import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelFor } from '../../db/model-for.js';
import { writeSearchKeys } from './search-key-model.js';
import { role, tier, userLocale } from '../../../shared/schemas/dto/enums.js';

const revokedTokenSchema = new Schema({ h: { type: String, required: true }, exp: { type: Date, required: true } }, { _id: false });

const userSchema = new Schema(
  {
    handle: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: role.options, default: 'user', required: true },
    tier: { type: String, enum: tier.options, default: 'basic', required: true },
    // v1.1 profile: a short bio and the avatar (the source photo's content hash names its files).
    bio: { type: String, default: '' },
    avatarKey: { type: String, default: null },
    // The language the person uses (sent at sign-up and by the language switch): their space's default title follows it.
    locale: { type: String, enum: userLocale.options, default: null },
    // v1.2 隐身访问: visits leave no trace while on (honoured for the yellow tier only).
    hiddenVisits: { type: Boolean, default: false },
    // Sessions (accounts/sessions.ts): tokens of an older generation are refused; so are the
    // listed ones (signed-out tokens, by hash, until they would have expired anyway).
    tokenGen: { type: Number, default: 0 },
    revokedTokens: { type: [revokedTokenSchema], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
// Every new account is findable at once, whichever code path creates it (search-key-model.ts).
userSchema.post('save', async function indexForSearch(doc) {
  await writeSearchKeys(doc.db, doc._id, doc.handle, doc.displayName);
});

/** One document whose unique `_id` makes "the first registered user" an atomic fact. */
const markerSchema = new Schema({ _id: { type: String, required: true }, userId: { type: String, required: true } });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

export function userModel(conn: Connection): Model<InferSchemaType<typeof userSchema>> {
  return modelFor(conn, 'User', userSchema);
}

export function markerModel(conn: Connection) {
  return modelFor(conn, 'Marker', markerSchema);
}
