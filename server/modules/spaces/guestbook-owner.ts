/**
 * What a space owner does to the entries of their own guestbook (v1.2): reply under one (主人回复), and,
 * with 留言审核 on, approve or reject the entries that wait. Every action names an entry of the viewer's
 * own guestbook; any other id, someone else's entry included, is `not_found`.
 */
import { Types, type Model } from 'mongoose';
import type { GuestbookEntryDto, UserDto } from '../../../shared/dto.js';
import type { GuestbookReplyBody } from '../../../shared/schemas/spaces.js';
import { notFound, unauthorized } from '../../errors.js';
import type { Pusher } from '../../realtime/pusher.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import { screenFields } from '../moderation/field-screen.js';
import type { TextScreen } from '../moderation/screening.js';
import { announceEntry, entryDto } from './guestbook.js';
import type { GuestbookEntryRecord } from './guestbook-model.js';

export interface GuestbookOwnerDeps {
  readonly entries: Model<GuestbookEntryRecord>;
  readonly accounts: Pick<AccountService, 'getUser' | 'getUsers'>;
  readonly pusher: Pick<Pusher, 'toRooms' | 'toUsers'>;
  readonly screen?: TextScreen | undefined;
  /** Publishes an approved entry (guestbook.ts): its pushes, mentions, the owner's and the author's notifications. */
  readonly publishApproved: (entry: GuestbookEntryRecord, dto: GuestbookEntryDto, owner: UserDto) => Promise<void>;
}

/** How many waiting entries the owner's list shows at most (oldest first). */
const pendingListMax = 200;

export function createGuestbookOwner({ entries, accounts, pusher, screen, publishApproved }: GuestbookOwnerDeps) {
  const own = (viewer: Viewer, entryId: string) => ({ _id: new Types.ObjectId(entryId), owner: new Types.ObjectId(viewer.id) });

  async function ownerOf(viewer: Viewer): Promise<UserDto> {
    const owner = await accounts.getUser(viewer.id);
    if (!owner) throw unauthorized();
    return owner;
  }

  /** Settles one waiting entry of the viewer's guestbook; tells the owner's devices and the author. */
  async function decide(viewer: Viewer, entryId: string, approved: boolean): Promise<GuestbookEntryRecord> {
    const filter = { ...own(viewer, entryId), pending: true };
    const entry = approved
      ? await entries.findOneAndUpdate(filter, { $unset: { pending: 1 } }, { returnDocument: 'after' }).lean<GuestbookEntryRecord>()
      : await entries.findOneAndDelete(filter).lean<GuestbookEntryRecord>();
    if (!entry) throw notFound('pending entry');
    pusher.toUsers([viewer.id, entry.author.toHexString()], 'approval:decided', { kind: 'entry', id: entryId, approved });
    return entry;
  }

  return {
    /** The entries waiting for the viewer's approval, oldest first. */
    async pending(viewer: Viewer): Promise<GuestbookEntryDto[]> {
      const found = await entries
        .find({ owner: new Types.ObjectId(viewer.id), pending: true })
        .sort({ _id: 1 })
        .limit(pendingListMax)
        .lean<GuestbookEntryRecord[]>();
      const authors = await accounts.getUsers(found.map((e) => e.author.toHexString()));
      return found.flatMap((e) => {
        const author = authors.get(e.author.toHexString());
        return author ? [entryDto(e, author)] : [];
      });
    },

    /** Approves a waiting entry: it appears as new to everyone who may see it, and its author is told. */
    async approve(viewer: Viewer, entryId: string): Promise<{ entry: GuestbookEntryDto }> {
      const entry = await decide(viewer, entryId, true);
      const [owner, authors] = await Promise.all([ownerOf(viewer), accounts.getUsers([entry.author.toHexString()])]);
      const author = authors.get(entry.author.toHexString());
      if (!author) throw notFound('pending entry');
      const dto = entryDto(entry, author);
      await publishApproved(entry, dto, owner);
      return { entry: dto };
    },

    /** Rejects a waiting entry: it is deleted; its author sees it go. */
    async reject(viewer: Viewer, entryId: string): Promise<void> {
      await decide(viewer, entryId, false);
    },

    /** Writes (or rewrites) the owner's one reply under an entry; pushed to whoever sees the entry. */
    async reply(viewer: Viewer, entryId: string, body: GuestbookReplyBody): Promise<{ entry: GuestbookEntryDto }> {
      screenFields(screen, { text: body.text });
      const entry = await entries
        .findOneAndUpdate(
          { ...own(viewer, entryId), pending: { $ne: true } },
          { $set: { reply: { text: body.text, at: new Date() } } },
          { returnDocument: 'after' },
        )
        .lean<GuestbookEntryRecord>();
      if (!entry) throw notFound('guestbook entry');
      const authors = await accounts.getUsers([entry.author.toHexString()]);
      const author = authors.get(entry.author.toHexString());
      if (!author) throw notFound('guestbook entry');
      const dto = entryDto(entry, author);
      announceEntry(pusher, entry, 'guestbook:reply', { ownerId: viewer.id, entryId, reply: dto.reply ?? null });
      return { entry: dto };
    },

    /** Removes the owner's reply under an entry (none there: nothing changes). */
    async removeReply(viewer: Viewer, entryId: string): Promise<void> {
      const entry = await entries
        .findOneAndUpdate(own(viewer, entryId), { $set: { reply: null } }, { returnDocument: 'before' })
        .lean<GuestbookEntryRecord>();
      if (!entry) throw notFound('guestbook entry');
      if (entry.reply) announceEntry(pusher, entry, 'guestbook:reply', { ownerId: viewer.id, entryId, reply: null });
    },
  };
}

export type GuestbookOwner = ReturnType<typeof createGuestbookOwner>;
