/**
 * Messages as people see them. A message looks the same to both people (a shared post as its
 * recipient may see it, so the sender sees what was really shared), except for `inboxSeq`, which is
 * each person's own number of it.
 */
import type { Connection } from 'mongoose';
import type { MessageDto, PhotoDto, PostDto, UserDto } from '../../../shared/dto.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../accounts/viewer.js';
import { inboxEntryModel, type MessageRecord } from './model.js';

export interface MessageViewDeps {
  readonly conn: Connection;
  readonly accounts: { getUsers(ids: readonly string[]): Promise<Map<string, UserDto>> };
  readonly photos: { byIds(ids: readonly string[]): Promise<Map<string, PhotoDto>> };
  readonly posts: { get(viewer: Viewer | null, postId: string): Promise<{ post: PostDto }> };
}

/** A stand-in viewer for "as this user may see it" (never a moderator's wider view). */
const asUser = (id: string): Viewer => ({ id, handle: '', role: 'user', tier: 'basic' });

export function createMessageViews({ conn, accounts, photos, posts }: MessageViewDeps) {
  const inbox = inboxEntryModel(conn);

  async function postAsSeenBy(userId: string, postId: string): Promise<PostDto | null> {
    try {
      return (await posts.get(asUser(userId), postId)).post;
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  /** DTOs of `records` for `viewerId` (their inbox numbers, and their photos, looked up unless given). */
  async function toDtos(
    records: readonly MessageRecord[],
    viewerId: string,
    inboxSeqs?: ReadonlyMap<string, number>,
    photoDtos?: ReadonlyMap<string, PhotoDto>,
  ): Promise<MessageDto[]> {
    if (!records.length) return [];
    const live = records.filter((r) => !r.recalled);
    const [users, photoMap, seqs] = await Promise.all([
      accounts.getUsers([...new Set(records.map((r) => r.from))]),
      photoDtos ?? photos.byIds(live.flatMap((r) => (r.photoId ? [r.photoId] : []))),
      inboxSeqs ??
        inbox
          .find({ userId: viewerId, messageId: { $in: records.map((r) => r._id) } }, { seq: 1, messageId: 1 })
          .lean()
          .then((entries) => new Map(entries.map((e) => [e.messageId.toHexString(), e.seq]))),
    ]);
    const shared = new Map<string, PostDto | null>();
    for (const r of live) {
      const key = `${r.to}:${r.postId}`;
      if (r.postId && !shared.has(key)) shared.set(key, await postAsSeenBy(r.to, r.postId));
    }
    const out: MessageDto[] = [];
    for (const r of records) {
      const from = users.get(r.from);
      if (!from) continue; // the sender's account is gone
      const id = r._id.toHexString();
      const photo = r.photoId ? photoMap.get(r.photoId) : undefined;
      const inboxSeq = seqs.get(id);
      out.push({
        id,
        conversationId: r.conversationId,
        seq: r.seq,
        from,
        ...(r.text !== undefined && !r.recalled ? { text: r.text } : {}),
        ...(photo && !r.recalled ? { photo } : {}),
        ...(r.postId && !r.recalled ? { post: shared.get(`${r.to}:${r.postId}`) ?? null } : {}),
        sentAt: r.sentAt.toISOString(),
        ...(r.recalled ? { recalled: true } : {}),
        ...(inboxSeq === undefined ? {} : { inboxSeq }),
        read: r.read,
      });
    }
    return out;
  }

  return { toDtos };
}

export type MessageViews = ReturnType<typeof createMessageViews>;
