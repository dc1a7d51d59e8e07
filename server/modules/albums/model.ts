import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelFor } from '../../db/model-for.js';
import { albumPurpose, privacy } from '../../../shared/schemas/dto/enums.js';

const albumSchema = new Schema(
  {
    owner: { type: String, required: true },
    title: { type: String, required: true },
    privacy: { type: String, enum: privacy.options, required: true },
    /** v1.2: with privacy `groups`, the owner's groups whose members may see it; with `friends`, who may not. */
    groups: { type: [Schema.Types.ObjectId], default: undefined },
    except: { type: [Schema.Types.ObjectId], default: undefined },
    /** Reserved before a photo record is written, given back if the write fails (see uploads). */
    photoCount: { type: Number, required: true, default: 0 },
    coverPhotoId: { type: String, default: null },
    /** `shuoshuo`: the one album per user that photos attached to shuoshuo go into (made on first use). */
    purpose: { type: String, enum: [...albumPurpose.values, null], default: null },
    /** v1.2: background music while the album is open, validated and screened like the space's. */
    music: { type: new Schema({ title: String, url: String }, { _id: false, strict: 'throw' }), default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
albumSchema.index({ owner: 1, createdAt: -1 });
// At most one shuoshuo album per user, even when two first uploads race to create it.
albumSchema.index({ owner: 1, purpose: 1 }, { unique: true, partialFilterExpression: { purpose: 'shuoshuo' } });

const photoSchema = new Schema(
  {
    album: { type: String, required: true },
    owner: { type: String, required: true },
    /** sha256 of the stored (re-encoded) image: its file name, shared by identical uploads. */
    hash: { type: String, required: true },
    ext: { type: String, required: true },
    mime: { type: String, required: true },
    bytes: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** The owner's words under the photo; empty when none. */
    caption: { type: String, default: '' },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);
photoSchema.index({ album: 1, _id: 1 });
photoSchema.index({ hash: 1 });

/** Per user: photo bytes in use and albums owned, changed only by conditional `$inc`s. */
const storageSchema = new Schema(
  {
    _id: { type: String, required: true },
    used: { type: Number, required: true, default: 0 },
    albums: { type: Number, required: true, default: 0 },
  },
  { strict: 'throw' },
);

export interface StoredAlbum {
  readonly _id: Types.ObjectId;
  readonly owner: string;
  readonly title: string;
  readonly privacy: 'public' | 'friends' | 'groups' | 'private';
  readonly groups?: Types.ObjectId[];
  readonly except?: Types.ObjectId[];
  readonly photoCount: number;
  readonly coverPhotoId: string | null;
  readonly purpose?: 'shuoshuo' | null;
  readonly music?: { readonly title: string; readonly url: string } | null;
  readonly createdAt: Date;
}

export interface StoredPhoto {
  readonly _id: Types.ObjectId;
  readonly album: string;
  readonly owner: string;
  readonly hash: string;
  readonly ext: string;
  readonly mime: string;
  readonly bytes: number;
  readonly width: number;
  readonly height: number;
  readonly caption?: string;
  readonly createdAt: Date;
}

export function albumModel(conn: Connection): Model<InferSchemaType<typeof albumSchema>> {
  return modelFor(conn, 'Album', albumSchema);
}

export function photoModel(conn: Connection): Model<InferSchemaType<typeof photoSchema>> {
  return modelFor(conn, 'Photo', photoSchema);
}

export function storageModel(conn: Connection): Model<InferSchemaType<typeof storageSchema>> {
  return modelFor(conn, 'PhotoStorage', storageSchema);
}
