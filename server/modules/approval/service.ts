/**
 * Owner approval (评论审核/留言审核, v1.2), seen from the owner's side: one list of what waits —
 * comments on their posts (posts/comments.ts) and entries in their guestbook (spaces/guestbook-owner.ts)
 * — and one approve/reject by kind. Each side checks that the item is the viewer's to decide:
 * anything else, someone else's item included, is `not_found`.
 */
import type { CommentDto, GuestbookEntryDto } from '../../../shared/dto.js';
import type { PendingKind } from '../../../shared/schemas/spaces.js';
import type { Viewer } from '../accounts/viewer.js';
import type { PostService } from '../posts/service.js';
import type { SpaceService } from '../spaces/service.js';

export interface ApprovalDeps {
  readonly posts: Pick<PostService, 'commentsAwaitingOwner' | 'approveCommentAsOwner' | 'rejectCommentAsOwner'>;
  readonly spaces: Pick<SpaceService, 'guestbookOwner'>;
}

export function createApprovalService({ posts, spaces }: ApprovalDeps) {
  return {
    /** What waits for the viewer's approval, oldest first. */
    async pending(viewer: Viewer): Promise<{ comments: CommentDto[]; entries: GuestbookEntryDto[] }> {
      const [comments, entries] = await Promise.all([posts.commentsAwaitingOwner(viewer.id), spaces.guestbookOwner.pending(viewer)]);
      return { comments, entries };
    },

    /** Approves a waiting item of the viewer's: it appears as new to everyone who may see it. */
    async approve(viewer: Viewer, kind: PendingKind, id: string): Promise<{ comment?: CommentDto; entry?: GuestbookEntryDto }> {
      return kind === 'comment' ? posts.approveCommentAsOwner(viewer, id) : spaces.guestbookOwner.approve(viewer, id);
    },

    /** Rejects a waiting item of the viewer's: it is deleted; its author sees it go. */
    async reject(viewer: Viewer, kind: PendingKind, id: string): Promise<void> {
      if (kind === 'comment') await posts.rejectCommentAsOwner(viewer, id);
      else await spaces.guestbookOwner.reject(viewer, id);
    },
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
