/**
 * The moderators' queue: held and in-review posts and comments, approved, rejected or taken down by a
 * moderator, each decision kept in the audit log. The posts service does the work (it implements
 * `QueuedContent`); this keeps the moderator's side of it, built after the posts service (which
 * itself needs the keyword rules of service.ts, so the two are separate).
 */
import type { AuditSubject, CommentDto, PostDto } from '../../../shared/dto.js';
import type { Viewer } from '../accounts/viewer.js';
import type { AuditLog } from './audit.js';

/** What the posts service offers moderators (it implements this; wired in services.ts). */
export interface QueuedContent {
  /** Held and in-review posts and comments, oldest first. */
  listQueue(): Promise<{ posts: PostDto[]; comments: CommentDto[] }>;
  /** Publishes a held/review comment, pushed and notified as a new comment would be. */
  approveComment(commentId: string, moderator: Viewer): Promise<{ comment: CommentDto }>;
  /** Rejects a held/review comment: it is removed and its author told. */
  rejectComment(commentId: string, moderator: Viewer): Promise<{ comment: CommentDto }>;
  /** Publishes a held/review post, with the live pushes publication makes. */
  approve(postId: string, moderator: Viewer): Promise<{ post: PostDto }>;
  /** Rejects a held/review post and notifies its author. */
  reject(postId: string, moderator: Viewer): Promise<{ post: PostDto }>;
  /** Takes a published post down from every feed (`feed:remove`). */
  unpublish(postId: string, moderator: Viewer): Promise<void>;
}

export interface ModerationQueueDeps {
  readonly content: QueuedContent;
  readonly audit: Pick<AuditLog, 'record'>;
}

/** A post or comment as the audit log names it: whose, and its first words. */
const postSubject = (p: PostDto): AuditSubject => ({
  kind: 'post',
  owner: p.author.displayName,
  excerpt: (p.title ?? p.text).slice(0, 80),
});
const commentSubject = (c: CommentDto): AuditSubject => ({ kind: 'comment', owner: c.author.displayName, excerpt: c.text.slice(0, 80) });

export function createModerationQueue({ content, audit }: ModerationQueueDeps) {
  /** A moderator's decision on a queued post, kept in the audit log with the post it was about. */
  async function decidePost(viewer: Viewer, postId: string, decision: 'approve' | 'reject'): Promise<{ post: PostDto }> {
    const answer = decision === 'approve' ? await content.approve(postId, viewer) : await content.reject(postId, viewer);
    await audit.record(viewer, `post.${decision}`, { type: 'post', id: postId }, undefined, postSubject(answer.post));
    return answer;
  }

  /** The same for a queued comment; a rejected one's first 120 characters are kept as the detail too. */
  async function decideComment(viewer: Viewer, commentId: string, decision: 'approve' | 'reject'): Promise<{ comment: CommentDto }> {
    const answer =
      decision === 'approve' ? await content.approveComment(commentId, viewer) : await content.rejectComment(commentId, viewer);
    const detail = decision === 'reject' ? answer.comment.text.slice(0, 120) : undefined;
    await audit.record(viewer, `comment.${decision}`, { type: 'comment', id: commentId }, detail, commentSubject(answer.comment));
    return answer;
  }

  return {
    /** Held and in-review posts and comments, oldest first. */
    list(): Promise<{ posts: PostDto[]; comments: CommentDto[] }> {
      return content.listQueue();
    },

    /** Approves a queued post. */
    approve(viewer: Viewer, postId: string): Promise<{ post: PostDto }> {
      return decidePost(viewer, postId, 'approve');
    },

    /** Rejects a queued post (its author is notified by the posts service). */
    reject(viewer: Viewer, postId: string): Promise<{ post: PostDto }> {
      return decidePost(viewer, postId, 'reject');
    },

    /** Approves a queued comment. */
    approveComment(viewer: Viewer, commentId: string): Promise<{ comment: CommentDto }> {
      return decideComment(viewer, commentId, 'approve');
    },

    /** Rejects a queued comment. */
    rejectComment(viewer: Viewer, commentId: string): Promise<{ comment: CommentDto }> {
      return decideComment(viewer, commentId, 'reject');
    },

    /** Takes a published post down everywhere. */
    async unpublish(viewer: Viewer, postId: string): Promise<void> {
      await content.unpublish(postId, viewer);
      await audit.record(viewer, 'post.unpublish', { type: 'post', id: postId });
    },
  };
}

export type ModerationQueue = ReturnType<typeof createModerationQueue>;
