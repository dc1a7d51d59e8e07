/**
 * Reports of abuse. Any signed-in user reports a post, comment, guestbook entry, user or private message they can
 * see (what they cannot see answers `not_found`, like a missing one), with a reason; one open report
 * per reporter and subject. Every moderator is told live (`report` notification). A moderator
 * dismisses a report, or removes its subject as a moderator delete does (live), which closes every
 * open report on that subject.
 */
import { Types, type Connection } from 'mongoose';
import type { ReportDto, ReportSubjectKind, UserDto } from '../../../shared/dto.js';
import type { ReportBody, ResolveReportBody } from '../../../shared/schemas/social.js';
import { conflict, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { userModel } from '../accounts/model.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { FriendRelations } from '../friends/relations.js';
import { mayView as mayViewWith } from '../friends/relations.js';
import type { Visible } from '../friends/visibility.js';
import type { AuditLog } from '../moderation/audit.js';
import type { Notifier } from '../notifications/notifier.js';
import { commentModel } from '../posts/comment-model.js';
import { postModel } from '../posts/post-model.js';
import type { PostService } from '../posts/service.js';
import { guestbookEntryModel } from '../spaces/guestbook-model.js';
import type { SpaceService } from '../spaces/service.js';
import { reportModel, type ReportRecord } from './model.js';
import type { ChatService } from '../chat/service.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface ReportServiceDeps {
  readonly conn: Connection;
  readonly logger: Logger;
  readonly accounts: Pick<AccountService, 'getUser' | 'getUsers'>;
  readonly friends: Pick<FriendRelations, 'relation' | 'circle'>;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly posts: Pick<PostService, 'remove' | 'removeComment'>;
  readonly spaces: Pick<SpaceService, 'removeGuestbookEntryAsModerator'>;
  /** One private message for a report by one of its two people, and its removal by a moderator (the chat service). */
  readonly messages: Pick<ChatService, 'messageForReport' | 'removeAsModerator'>;
  /** Removes a reported account (account deletion). */
  readonly deleteAccount: (user: Viewer) => Promise<void>;
}

interface ResolvedSubject {
  readonly owner: string | null;
  readonly excerpt: string;
  /** For a comment: its post. */
  readonly postId?: string;
}

const oid = (id: string) => new Types.ObjectId(id);
const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');
const goneUser = (id: string): UserDto => ({ id, handle: 'deleted', displayName: '(deleted)', tier: 'basic' });

export function createReportService(deps: ReportServiceDeps) {
  const reports = reportModel(deps.conn);
  const posts = postModel(deps.conn);
  const comments = commentModel(deps.conn);
  const guestbook = guestbookEntryModel(deps.conn);
  const users = userModel(deps.conn);

  // The rule of every read (group-limited and excepted posts included): a report needs sight of its subject.
  const mayView = async (viewer: Viewer, ownerId: string, item: Visible) =>
    mayViewWith(deps.friends, await deps.friends.relation(viewer.id, ownerId), viewer.id, ownerId, item);

  /** The subject as the reporter may see it; `not_found` for what is missing or hidden from them. */
  async function resolveSubject(viewer: Viewer, kind: ReportSubjectKind, id: string): Promise<ResolvedSubject> {
    switch (kind) {
      case 'post': {
        const post = await posts
          .findById(oid(id))
          .lean<{ author: Types.ObjectId; privacy: 'public'; status: string; text: string; title?: string }>();
        if (!post || !(await mayView(viewer, post.author.toHexString(), post))) throw notFound('post');
        return { owner: post.author.toHexString(), excerpt: clip(post.title ?? post.text) };
      }
      case 'comment': {
        const comment = await comments
          .findById(oid(id))
          .lean<{ post: Types.ObjectId; author: Types.ObjectId; text: string; status: string }>();
        if (!comment || (comment.status !== 'published' && comment.author.toHexString() !== viewer.id)) throw notFound('comment');
        const post = await posts.findById(comment.post).lean<{ author: Types.ObjectId; privacy: 'public'; status: string }>();
        if (!post || !(await mayView(viewer, post.author.toHexString(), post))) throw notFound('comment');
        return { owner: comment.author.toHexString(), excerpt: clip(comment.text), postId: comment.post.toHexString() };
      }
      case 'guestbook': {
        const entry = await guestbook
          .findById(oid(id))
          .lean<{ owner: Types.ObjectId; author: Types.ObjectId; text: string; private: boolean }>();
        const owner = entry?.owner.toHexString();
        const seen = entry && (!entry.private || viewer.id === owner || viewer.id === entry.author.toHexString());
        if (!entry || !owner || !seen || (await deps.friends.relation(viewer.id, owner)) === 'blocked') throw notFound('guestbook entry');
        return { owner: entry.author.toHexString(), excerpt: clip(entry.text) };
      }
      case 'user': {
        const user = await deps.accounts.getUser(id);
        if (!user || (await deps.friends.relation(viewer.id, id)) === 'blocked') throw notFound('user');
        return { owner: id, excerpt: `@${user.handle}` };
      }
      case 'message': {
        // That one message and nothing else of the conversation.
        const message = await deps.messages.messageForReport(viewer, id);
        const what = message.text ?? (message.photoId ? '[photo]' : message.postId ? '[shared post]' : '[recalled]');
        return { owner: message.from, excerpt: clip(what) };
      }
    }
  }

  /** The posts of the reported comments that are still there, by comment id (one query). */
  async function postsOfComments(records: readonly ReportRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(records.filter((r) => r.subjectKind === 'comment').map((r) => r.subjectId))];
    if (ids.length === 0) return new Map();
    const found = await comments
      .find({ _id: { $in: ids.map(oid) } }, { post: 1 })
      .lean<Array<{ _id: Types.ObjectId; post: Types.ObjectId }>>();
    return new Map(found.map((c) => [c._id.toHexString(), c.post.toHexString()]));
  }

  async function toDtos(records: readonly ReportRecord[]): Promise<ReportDto[]> {
    const [reporters, postOf] = await Promise.all([
      deps.accounts.getUsers(records.map((r) => r.reporter.toHexString())),
      postsOfComments(records),
    ]);
    return records.map((r) => {
      const postId = postOf.get(r.subjectId);
      return {
        id: r._id.toHexString(),
        reporter: reporters.get(r.reporter.toHexString()) ?? goneUser(r.reporter.toHexString()),
        subject: { kind: r.subjectKind, id: r.subjectId, ...(r.excerpt ? { excerpt: r.excerpt } : {}), ...(postId ? { postId } : {}) },
        reason: r.reason,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        ...(r.resolvedAt ? { resolvedAt: r.resolvedAt.toISOString() } : {}),
      };
    });
  }

  /** Removes a reported subject as a moderator delete does (live where that is live). */
  async function removeSubject(moderator: Viewer, report: ReportRecord): Promise<void> {
    const swallowMissing = (err: unknown) => {
      if ((err as { code?: string }).code !== 'not_found') throw err;
    };
    switch (report.subjectKind) {
      case 'post':
        await deps.posts.remove(moderator, report.subjectId).catch(swallowMissing);
        return;
      case 'comment': {
        const comment = await comments.findById(oid(report.subjectId), { post: 1 }).lean<{ post: Types.ObjectId }>();
        if (comment) await deps.posts.removeComment(moderator, comment.post.toHexString(), report.subjectId).catch(swallowMissing);
        return;
      }
      case 'guestbook':
        await deps.spaces.removeGuestbookEntryAsModerator(report.subjectId);
        return;
      case 'user': {
        const u = await users
          .findById(oid(report.subjectId), { handle: 1, role: 1, tier: 1 })
          .lean<{ handle: string; role: 'user'; tier: 'basic' }>();
        if (u) await deps.deleteAccount({ id: report.subjectId, handle: u.handle, role: u.role, tier: u.tier });
        return;
      }
      case 'message':
        await deps.messages.removeAsModerator(report.subjectId);
        return;
    }
  }

  return {
    async create(viewer: Viewer, body: ReportBody): Promise<{ report: ReportDto }> {
      const { kind, id } = body.subject;
      const subject = await resolveSubject(viewer, kind, id);
      let record: ReportRecord;
      try {
        record = recordOf<ReportRecord>(
          await reports.create({
            reporter: oid(viewer.id),
            subjectKind: kind,
            subjectId: id,
            subjectOwner: subject.owner,
            excerpt: subject.excerpt,
            reason: body.reason,
            status: 'open',
            createdAt: new Date(),
          }),
        );
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('you already reported this; a moderator will look at it');
        throw err;
      }
      const moderators = await users.find({ role: 'moderator' }, { _id: 1 }).limit(200).lean<Array<{ _id: Types.ObjectId }>>();
      for (const m of moderators) {
        try {
          await deps.notifier.notify({
            to: m._id.toHexString(),
            kind: 'report',
            actorId: viewer.id,
            subject: {
              type: 'report',
              id: record._id.toHexString(),
              excerpt: clip(body.reason, 80),
              detail: kind,
              ...(subject.postId ? { parentId: subject.postId } : {}),
            },
          });
        } catch (err) {
          deps.logger.error({ err, report: record._id.toHexString() }, 'report notification failed');
        }
      }
      const [dto] = await toDtos([record]);
      return { report: dto! };
    },

    /** Open reports, oldest first (moderators: the endpoint checks). */
    async list(): Promise<{ reports: ReportDto[] }> {
      const open = await reports.find({ status: 'open' }).sort({ createdAt: 1 }).limit(500).lean<ReportRecord[]>();
      return { reports: await toDtos(open) };
    },

    async resolve(viewer: Viewer, reportId: string, body: ResolveReportBody): Promise<{ report: ReportDto }> {
      const report = await reports.findOne({ _id: oid(reportId), status: 'open' }).lean<ReportRecord>();
      if (!report) throw notFound('open report');
      // Named in the log by whose it is (read before a removal can take the account along).
      const owner = report.subjectOwner ? await deps.accounts.getUser(report.subjectOwner) : null;
      const subject = owner
        ? { kind: report.subjectKind, owner: owner.displayName, ...(report.subjectKind === 'user' ? {} : { excerpt: report.excerpt }) }
        : undefined;
      const now = new Date();
      if (body.action === 'remove') {
        await removeSubject(viewer, report);
        await reports.updateMany(
          { subjectKind: report.subjectKind, subjectId: report.subjectId, status: 'open' },
          { $set: { status: 'removed', resolvedAt: now, resolvedBy: viewer.id } },
        );
      } else {
        await reports.updateOne(
          { _id: report._id, status: 'open' },
          { $set: { status: 'dismissed', resolvedAt: now, resolvedBy: viewer.id } },
        );
      }
      await deps.audit.record(
        viewer,
        body.action === 'remove' ? 'report.remove' : 'report.dismiss',
        { type: 'report', id: reportId },
        `${report.subjectKind} ${report.subjectId}: ${report.reason.slice(0, 120)}`,
        subject,
      );
      const updated = await reports.findById(report._id).lean<ReportRecord>();
      const [dto] = await toDtos([updated ?? report]);
      return { report: dto! };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
