/** The moderators' audit log: every moderator action, newest first, kept for accountability. */
import { Types, type Connection } from 'mongoose';
import type { AuditEntryDto, AuditAction, AuditSubject } from '../../../shared/dto.js';
import type { AuditQuery } from '../../../shared/schemas/moderation.js';
import type { Logger } from '../../logger.js';
import type { Viewer } from '../accounts/viewer.js';
import { auditModel, type StoredAuditEntry } from './model.js';

export interface AuditTarget {
  readonly type: 'rule' | 'post' | 'space' | 'user' | 'comment' | 'guestbook' | 'report';
  readonly id: string;
}

export interface AuditLog {
  /** Records one moderator action. Never throws: a failed audit write is logged, the action stands. */
  record(actor: Viewer, action: AuditAction, target: AuditTarget, detail?: string, subject?: AuditSubject): Promise<void>;
  /** Entries newest first, before the entry id `before`. */
  list(query: AuditQuery): Promise<AuditEntryDto[]>;
}

function toDto(e: StoredAuditEntry): AuditEntryDto {
  return {
    id: e._id.toHexString(),
    actor: { id: e.actor, handle: e.actorHandle },
    action: e.action as AuditAction,
    target: { type: e.targetType as AuditTarget['type'], id: e.targetId },
    detail: e.detail,
    ...(e.subjectKind && e.subjectOwner
      ? {
          subject: {
            kind: e.subjectKind as AuditSubject['kind'],
            owner: e.subjectOwner,
            ...(e.subjectExcerpt ? { excerpt: e.subjectExcerpt } : {}),
          },
        }
      : {}),
    createdAt: e.createdAt.toISOString(),
  };
}

export function createAuditLog(conn: Connection, logger: Logger): AuditLog {
  const entries = auditModel(conn);
  return {
    async record(actor, action, target, detail, subject) {
      try {
        await entries.create({
          actor: actor.id,
          actorHandle: actor.handle,
          action,
          targetType: target.type,
          targetId: target.id,
          detail: detail ?? null,
          subjectKind: subject?.kind ?? null,
          subjectOwner: subject?.owner ?? null,
          subjectExcerpt: subject?.excerpt?.slice(0, 80) ?? null,
        });
      } catch (err) {
        logger.error({ err, action, target }, 'audit entry not written');
      }
    },
    async list({ before, limit }) {
      // ObjectIds grow with time, so `_id` orders entries as `createdAt` does and makes a stable cursor.
      const filter = before ? { _id: { $lt: new Types.ObjectId(before) } } : {};
      const found = await entries.find(filter).sort({ _id: -1 }).limit(limit).lean<StoredAuditEntry[]>();
      return found.map(toDto);
    },
  };
}
