import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { modelFor } from '../../db/model-for.js';
import { moderationAction } from '../../../shared/schemas/dto/enums.js';

const ruleSchema = new Schema(
  {
    pattern: { type: String, required: true },
    /** The pattern in match form; unique so one keyword has one action. */
    normalized: { type: String, required: true, unique: true },
    action: { type: String, enum: moderationAction.options, required: true },
    createdBy: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);

/** One document whose `version` moves on every rule change, so other nodes know to reload. */
const ruleVersionSchema = new Schema({ _id: { type: String, required: true }, version: { type: Number, required: true } });

const auditSchema = new Schema(
  {
    actor: { type: String, required: true },
    /** Kept with the entry so the log reads well even after the moderator's handle is gone. */
    actorHandle: { type: String, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    detail: { type: String, default: null },
    /** What the action was about (AuditSubject): kind, its author's name and an excerpt. */
    subjectKind: { type: String, default: null },
    subjectOwner: { type: String, default: null },
    subjectExcerpt: { type: String, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw' },
);

export interface StoredRule {
  readonly _id: Types.ObjectId;
  readonly pattern: string;
  readonly normalized: string;
  readonly action: 'block' | 'hold' | 'review';
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface StoredAuditEntry {
  readonly _id: Types.ObjectId;
  readonly actor: string;
  readonly actorHandle: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly detail: string | null;
  readonly subjectKind?: string | null;
  readonly subjectOwner?: string | null;
  readonly subjectExcerpt?: string | null;
  readonly createdAt: Date;
}

export function ruleModel(conn: Connection): Model<InferSchemaType<typeof ruleSchema>> {
  return modelFor(conn, 'ModerationRule', ruleSchema);
}

export function ruleVersionModel(conn: Connection): Model<InferSchemaType<typeof ruleVersionSchema>> {
  return modelFor(conn, 'ModerationRuleVersion', ruleVersionSchema);
}

export function auditModel(conn: Connection): Model<InferSchemaType<typeof auditSchema>> {
  return modelFor(conn, 'ModerationAudit', auditSchema);
}
