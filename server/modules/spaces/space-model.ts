/** One space per user: its look (theme, modules, music), the certified flag and the visit counter. */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { SpaceModule, SpaceMusic, SpaceTheme } from '../../../shared/dto.js';
import { spaceModuleKinds } from '../../../shared/schemas/spaces.js';
import { spaceColumn, spaceLayout } from '../../../shared/schemas/dto/enums.js';

export interface SpaceRecord {
  readonly _id: Types.ObjectId;
  readonly owner: Types.ObjectId;
  /** The owner's own title; null while they keep the default (shown in their language, see service.ts). */
  readonly title: string | null;
  readonly theme: SpaceTheme;
  readonly modules: readonly SpaceModule[];
  readonly music: SpaceMusic | null;
  readonly certified: boolean;
  readonly stats: { readonly visits: number };
  /** v1.2 owner approval; absent in spaces from before it (both off). */
  readonly approval?: { readonly comments?: boolean; readonly guestbook?: boolean };
  readonly createdAt: Date;
}

const themeSchema = new Schema(
  {
    background: {
      color: { type: String, required: true },
      imageUrl: { type: String, default: null },
    },
    colors: {
      accent: { type: String, required: true },
      text: { type: String, required: true },
      panel: { type: String, required: true },
    },
    layout: { type: String, enum: spaceLayout.options, required: true },
    transparency: { type: Number, min: 0, max: 0.9, required: true },
  },
  { _id: false, strict: 'throw' },
);

const moduleSchema = new Schema(
  {
    kind: { type: String, enum: spaceModuleKinds, required: true },
    column: { type: String, enum: spaceColumn.options, required: true },
    order: { type: Number, required: true },
    visible: { type: Boolean, required: true },
  },
  { _id: false, strict: 'throw' },
);

const musicSchema = new Schema(
  { title: { type: String, required: true }, url: { type: String, required: true } },
  { _id: false, strict: 'throw' },
);

const spaceSchema = new Schema<SpaceRecord>(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, default: null },
    theme: { type: themeSchema, required: true },
    modules: { type: [moduleSchema], required: true },
    music: { type: musicSchema, default: null },
    // Set by whoever certifies spaces (albums/moderation); a plain flag here.
    certified: { type: Boolean, default: false },
    stats: { visits: { type: Number, default: 0 } },
    approval: { comments: { type: Boolean }, guestbook: { type: Boolean } },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
spaceSchema.index({ owner: 1 }, { unique: true });

export function spaceModel(conn: Connection): Model<SpaceRecord> {
  return (conn.models.Space as Model<SpaceRecord> | undefined) ?? conn.model<SpaceRecord>('Space', spaceSchema);
}
