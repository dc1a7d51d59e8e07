/**
 * The guestbook of a space. Private entries are filtered in the query itself (never after), so a
 * page can never carry an entry its reader may not see.
 */
import { Types, type Connection, type QueryFilter } from 'mongoose';
import type { GuestbookEntryDto, UserDto } from '../../../shared/dto.js';
import type { ServerPayload } from '../../../shared/events.js';
import type { GuestbookBody, GuestbookQuery } from '../../../shared/schemas/spaces.js';
import { blocked, forbidden, notFound } from '../../errors.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { TextScreen } from '../moderation/screening.js';
import type { Notifier } from '../notifications/notifier.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { guestbookEntryModel, type GuestbookEntryRecord } from './guestbook-model.js';
import { createMentions } from '../posts/mentions.js';
import { createBlockLookup } from '../blocks/lookup.js';
import { recordOf } from '../../db/record-of.js';

export interface GuestbookDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'getUsers'>;
  readonly notifier: Notifier;
  /** Keyword screening, when the moderation service is there. */
  readonly screen?: TextScreen | undefined;
  /** Live pushes of new and deleted entries. */
  readonly pusher?: Pick<Pusher, 'toRooms' | 'toUsers'>;
}

const excerptLength = 80;

/**
 * What `viewerId` may read in `ownerId`'s guestbook: everything for the owner, else the public entries
 * that do not wait for the owner's approval, plus their own.
 */
function visibleTo(ownerId: string, viewerId: string | null): QueryFilter<GuestbookEntryRecord> {
  const owner = new Types.ObjectId(ownerId);
  if (viewerId === ownerId) return { owner };
  const open = { private: false, pending: { $ne: true } };
  if (viewerId === null) return { owner, ...open };
  return { owner, $or: [open, { author: new Types.ObjectId(viewerId) }] };
}

type EntryEvent = 'guestbook:entry' | 'guestbook:remove' | 'guestbook:reply';

/**
 * Pushes an entry's news to those who see it: a private entry reaches its owner and author only, a
 * public one also those watching the guestbook; one waiting for approval, its owner and author only.
 */
export function announceEntry<E extends EntryEvent>(
  pusher: Pick<Pusher, 'toRooms' | 'toUsers'> | undefined,
  entry: Pick<GuestbookEntryRecord, 'owner' | 'author' | 'private' | 'pending'>,
  event: E,
  payload: ServerPayload<E>,
): void {
  if (!pusher) return;
  const ownerId = entry.owner.toHexString();
  const authorId = entry.author.toHexString();
  if (entry.private || entry.pending) pusher.toUsers([ownerId, authorId], event, payload);
  else pusher.toRooms([rooms.user(ownerId), rooms.user(authorId), rooms.guestbook(ownerId)], event, payload);
}

/** An entry as the wire shows it, by `author`. */
export const entryDto = (e: GuestbookEntryRecord, author: UserDto): GuestbookEntryDto => ({
  id: e._id.toHexString(),
  author,
  text: e.text,
  private: e.private,
  createdAt: e.createdAt.toISOString(),
  ...(e.reply ? { reply: { text: e.reply.text, at: e.reply.at.toISOString() } } : {}),
  ...(e.pending ? { pending: true } : {}),
});

export function createGuestbook({ conn, accounts, notifier, screen, pusher }: GuestbookDeps) {
  const entries = guestbookEntryModel(conn);
  // v1.1 `@handle` mentions (posts/mentions.ts): read from the text, notified to those who may see the entry.
  const mentions = createMentions({ conn, accounts, notifier });
  const blocks = createBlockLookup(conn);

  /** Tells who may see a newly visible entry, and the owner (and mentioned people) of it. */
  async function goLive(entry: GuestbookEntryRecord, dto: GuestbookEntryDto, owner: UserDto): Promise<void> {
    const authorId = entry.author.toHexString();
    announceEntry(pusher, entry, 'guestbook:entry', { ownerId: owner.id, entry: dto });
    // A private entry is its author's and the owner's alone: nobody else can be told of it.
    await mentions.notify(
      entry.text,
      authorId,
      { type: 'guestbook', id: dto.id, parentId: owner.handle, excerpt: entry.text.slice(0, excerptLength) },
      async (userId) => (entry.private ? userId === owner.id : !(await blocks.blocks(owner.id, userId))),
    );
    if (authorId !== owner.id) {
      await notifier.notify({
        to: owner.id,
        kind: 'guestbook',
        actorId: authorId,
        subject: { type: 'space', id: owner.id, excerpt: entry.text.slice(0, excerptLength), detail: dto.id },
      });
    }
  }

  /** An entry its owner approved (留言审核, v1.2): published as new, and its author told with an `approved` notice. */
  async function publishApproved(entry: GuestbookEntryRecord, dto: GuestbookEntryDto, owner: UserDto): Promise<void> {
    await goLive(entry, dto, owner);
    const authorId = entry.author.toHexString();
    if (authorId === owner.id) return;
    await notifier.notify({
      to: authorId,
      kind: 'approved',
      actorId: owner.id,
      subject: { type: 'guestbook', id: dto.id, parentId: owner.handle, excerpt: entry.text.slice(0, excerptLength) },
    });
  }

  return {
    entries,
    publishApproved,

    /** A page of entries the viewer may see, newest first; `next` is the cursor for the page after. */
    async list(
      viewer: Viewer | null,
      owner: UserDto,
      page: GuestbookQuery,
    ): Promise<{ entries: GuestbookEntryDto[]; next: string | null }> {
      const filter = visibleTo(owner.id, viewer?.id ?? null);
      const query = page.before ? { $and: [filter, { _id: { $lt: new Types.ObjectId(page.before) } }] } : filter;
      const found = await entries
        .find(query)
        .sort({ _id: -1 })
        .limit(page.limit + 1)
        .lean<GuestbookEntryRecord[]>();
      const pageItems = found.slice(0, page.limit);
      const authors = await accounts.getUsers(pageItems.map((e) => e.author.toHexString()));
      const mentioned = await mentions.forTexts(
        pageItems.map((e) => e.text),
        viewer?.id ?? null,
      );
      const dtos = pageItems.flatMap((e, i) => {
        const author = authors.get(e.author.toHexString());
        return author ? [{ ...entryDto(e, author), mentions: mentioned[i] ?? [] }] : [];
      });
      const last = pageItems[pageItems.length - 1];
      return { entries: dtos, next: found.length > page.limit && last ? last._id.toHexString() : null };
    },

    /**
     * Leaves an entry in `owner`'s guestbook and tells the owner. Text a moderation rule matches is
     * refused whatever the rule's action: held guestbook entries are not supported. With `awaitApproval`
     * (the owner's 留言审核, for others' entries) the entry waits, seen by its author and the owner only.
     */
    async post(
      viewer: Viewer,
      author: UserDto,
      owner: UserDto,
      body: GuestbookBody,
      awaitApproval = false,
    ): Promise<{ entry: GuestbookEntryDto }> {
      const verdict = screen?.screen(body.text);
      if (verdict && verdict.action !== 'allow') {
        // v1.1: never names the keyword (the moderation audit log keeps it).
        throw blocked('this text cannot be published here');
      }
      const doc = await entries.create({
        owner: new Types.ObjectId(owner.id),
        author: new Types.ObjectId(viewer.id),
        text: body.text,
        private: body.private,
        createdAt: new Date(),
        ...(awaitApproval && viewer.id !== owner.id ? { pending: true } : {}),
      });
      const record = recordOf<GuestbookEntryRecord>(doc);
      const entry = entryDto(record, author);
      if (record.pending) pusher?.toUsers([owner.id], 'approval:pending', { entry });
      else await goLive(record, entry, owner);
      return { entry };
    },

    /** Deletes an entry: its author or the space owner may. An entry the viewer cannot see is not_found. */
    async remove(viewer: Viewer, owner: UserDto, entryId: string): Promise<void> {
      const entry = await entries
        .findOne({ $and: [visibleTo(owner.id, viewer.id), { _id: new Types.ObjectId(entryId) }] })
        .lean<GuestbookEntryRecord>();
      if (!entry) throw notFound('guestbook entry');
      if (viewer.id !== owner.id && entry.author.toHexString() !== viewer.id)
        throw forbidden('only its author or the space owner may delete an entry');
      const { deletedCount } = await entries.deleteOne({ _id: entry._id });
      if (deletedCount) announceEntry(pusher, entry, 'guestbook:remove', { ownerId: owner.id, entryId });
    },

    /** A moderator's removal (a report resolved with `remove`): any entry, pushed live like a deletion. */
    async removeAsModerator(entryId: string): Promise<void> {
      const entry = await entries.findOneAndDelete({ _id: new Types.ObjectId(entryId) }).lean<GuestbookEntryRecord>();
      if (!entry) return;
      announceEntry(pusher, entry, 'guestbook:remove', { ownerId: entry.owner.toHexString(), entryId });
    },
  };
}

export type Guestbook = ReturnType<typeof createGuestbook>;
