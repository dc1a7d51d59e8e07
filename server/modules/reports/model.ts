/** Reports of abuse: one open report per reporter and subject (a partial unique index says so). */
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ReportStatus, ReportSubjectKind } from '../../../shared/dto.js';
import { reportStatus, reportSubjectKind } from '../../../shared/schemas/dto/enums.js';

export interface ReportRecord {
  readonly _id: Types.ObjectId;
  readonly reporter: Types.ObjectId;
  readonly subjectKind: ReportSubjectKind;
  readonly subjectId: string;
  /** The subject's owner (author, or the user reported), for moderators and for account deletion. */
  readonly subjectOwner: string | null;
  readonly excerpt: string;
  readonly reason: string;
  readonly status: ReportStatus;
  readonly createdAt: Date;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: string | null;
}

const reportSchema = new Schema<ReportRecord>(
  {
    reporter: { type: Schema.Types.ObjectId, required: true },
    subjectKind: { type: String, enum: reportSubjectKind.options, required: true },
    subjectId: { type: String, required: true },
    subjectOwner: { type: String, default: null },
    excerpt: { type: String, default: '' },
    reason: { type: String, required: true },
    status: { type: String, enum: reportStatus.options, required: true },
    createdAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    resolvedBy: { type: String, default: null },
  },
  { strict: 'throw', versionKey: false },
);
reportSchema.index({ reporter: 1, subjectKind: 1, subjectId: 1 }, { unique: true, partialFilterExpression: { status: 'open' } });
// The moderators' list: open ones, oldest first.
reportSchema.index({ status: 1, createdAt: 1 });

export function reportModel(conn: Connection): Model<ReportRecord> {
  return (conn.models.Report as Model<ReportRecord> | undefined) ?? conn.model<ReportRecord>('Report', reportSchema);
}
