/**
 * Personal spaces: one per user, created at registration. The shell (title, theme, modules, music,
 * visit count) is public; what is inside has its own privacy. Visits and the guestbook live here too.
 */
import { Types, type Connection } from 'mongoose';
import type { GuestbookEntryDto, SpaceDto, UserDto, UserLocale, VisitorDto } from '../../../shared/dto.js';
import type { GuestbookBody, GuestbookQuery, SpacePatchBody, ThemePatch } from '../../../shared/schemas/spaces.js';
import { forbidden, notFound, unauthorized } from '../../errors.js';
import type { RateLimitRule } from '../../rate-limits.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import type { TextScreen } from '../moderation/screening.js';
import { screenFields } from '../moderation/field-screen.js';
import { urlAsRead } from '../moderation/as-read.js';
import type { BlockLookup } from '../blocks/lookup.js';
import type { Notifier } from '../notifications/notifier.js';
import { createGuestbook } from './guestbook.js';
import { createGuestbookOwner } from './guestbook-owner.js';
import { createEnsureSpace } from './ensure-space.js';
import { spaceModel, type SpaceRecord } from './space-model.js';
import { defaultModules, defaultTitle, isDefaultTitle } from '../../../shared/space-defaults.js';
import { createVisitLog, type VisitLogOptions } from './visitors.js';
import { createInvalidatedCache } from '../../invalidated-cache.js';
import type { ClusterBus } from '../../realtime/cluster-bus.js';

export interface SpaceServiceDeps {
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly accounts: AccountService;
  readonly notifier: Notifier;
  /** v1.1: a space's owner who blocks the viewer answers as if there were no such space. */
  readonly blocks?: Pick<BlockLookup, 'blocks'>;
  /** Keyword screening of guestbook text, when the moderation service is there. */
  readonly screen?: TextScreen | undefined;
  /** The visit window and clock (tests inject a clock). */
  readonly visits?: VisitLogOptions;
  /** Tells every node to forget an owner's approval settings when they change (without it: this node only). */
  readonly bus?: Pick<ClusterBus, 'broadcast' | 'onBroadcast'>;
}

/** The cluster-bus channel naming an owner whose approval settings (评论审核, 留言审核) changed. */
const approvalChannel = 'spaces:approval';

interface ApprovalSettings {
  readonly comments: boolean;
  readonly guestbook: boolean;
}

/** `theme` fields as dotted `$set` paths, so a partial theme merges into the stored one. */
function themeSetPaths(theme: ThemePatch): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const put = (path: string, value: unknown) => {
    if (value !== undefined) set[`theme.${path}`] = value;
  };
  put('background.color', theme.background?.color);
  put('background.imageUrl', theme.background?.imageUrl);
  put('colors.accent', theme.colors?.accent);
  put('colors.text', theme.colors?.text);
  put('colors.panel', theme.colors?.panel);
  put('layout', theme.layout);
  put('transparency', theme.transparency);
  return set;
}

/**
 * The title shown: the owner's own, or, while they have not chosen one (null, or a default stored
 * before titles followed the language), the default in the owner's language from their current name.
 */
function titleOf(s: SpaceRecord, owner: UserDto, locale: UserLocale): string {
  return s.title && !isDefaultTitle(s.title, owner.displayName) ? s.title : defaultTitle(owner.displayName, locale);
}

function toSpaceDto(s: SpaceRecord, owner: UserDto, locale: UserLocale): SpaceDto {
  const { background, colors, layout, transparency } = s.theme;
  return {
    owner,
    title: titleOf(s, owner, locale),
    theme: {
      background: { color: background.color, imageUrl: background.imageUrl ?? null },
      colors: { accent: colors.accent, text: colors.text, panel: colors.panel },
      layout,
      transparency,
    },
    modules: s.modules.map(({ kind, column, order, visible }) => ({ kind, column, order, visible })),
    music: s.music ? { title: s.music.title, url: s.music.url } : null,
    certified: s.certified ?? false,
    stats: { visits: s.stats?.visits ?? 0 },
  };
}

export function createSpaceService(deps: SpaceServiceDeps) {
  const { conn, pusher, accounts } = deps;
  const spaces = spaceModel(conn);
  const visitLog = createVisitLog(conn, deps.visits);
  /** The owner of `handle`'s space, unless that owner blocks the viewer (then `not_found`, as for no user). */
  async function ownerFor(viewer: Viewer | null, handle: string): Promise<UserDto> {
    const owner = await accounts.requireByHandle(handle);
    if (viewer && deps.blocks && (await deps.blocks.blocks(owner.id, viewer.id))) throw notFound('user');
    return owner;
  }
  const guestbook = createGuestbook({ conn, accounts, notifier: deps.notifier, screen: deps.screen, pusher });
  const ownerActions = createGuestbookOwner({
    entries: guestbook.entries,
    accounts,
    pusher,
    screen: deps.screen,
    publishApproved: guestbook.publishApproved,
  });

  /**
   * v1.2: the owner's approval settings (both off for spaces from before them). Every comment and
   * guestbook entry by someone else asks, and only the owner's settings change them: remembered per
   * owner and forgotten on every node when they change (invalidated-cache.ts).
   */
  const approvals = createInvalidatedCache<ApprovalSettings>(async (ownerId) => {
    const s = await spaces.findOne({ owner: new Types.ObjectId(ownerId) }, { approval: 1 }).lean<Pick<SpaceRecord, 'approval'>>();
    return { comments: s?.approval?.comments === true, guestbook: s?.approval?.guestbook === true };
  });
  deps.bus?.onBroadcast(approvalChannel, (ownerId) => {
    if (typeof ownerId === 'string') approvals.forget(ownerId);
  });
  async function approvalOf(ownerId: string): Promise<ApprovalSettings> {
    if (!Types.ObjectId.isValid(ownerId)) return { comments: false, guestbook: false };
    return approvals.get(ownerId);
  }

  const limits = {
    patch: { name: 'space-patch', points: 60, perSeconds: 60 },
    guestbook: { name: 'guestbook-post', points: 20, perSeconds: 60 },
  } as const satisfies Record<string, RateLimitRule>;

  /** Creates `owner`'s space with the defaults unless it exists (idempotent). */
  const ensureSpace = createEnsureSpace(conn);

  async function spaceOf(owner: UserDto): Promise<SpaceRecord> {
    const space = await spaces.findOne({ owner: new Types.ObjectId(owner.id) }).lean<SpaceRecord>();
    // Accounts from before spaces existed get theirs on first read.
    return space ?? ensureSpace(owner);
  }

  async function update(viewer: Viewer, set: Record<string, unknown>): Promise<{ space: SpaceDto }> {
    const owner = await accounts.getUser(viewer.id);
    if (!owner) throw unauthorized();
    await spaceOf(owner);
    const space = await spaces
      .findOneAndUpdate({ owner: new Types.ObjectId(owner.id) }, { $set: set }, { returnDocument: 'after' })
      .lean<SpaceRecord>();
    if (!space) throw notFound('space');
    const approvalChanged = 'approval.comments' in set || 'approval.guestbook' in set;
    if (approvalChanged && deps.bus) deps.bus.broadcast(approvalChannel, owner.id);
    else if (approvalChanged) approvals.forget(owner.id);
    const dto = toSpaceDto(space, owner, await accounts.localeOf(owner.id));
    // Open views of the space (visitors' and the owner's other tabs) take the new look without a reload.
    pusher.toEach([rooms.user(owner.id), rooms.space(owner.id)], 'space:updated', { space: dto });
    // The approval settings are the owner's alone: answered when the owner changed them (and on the owner's reads).
    return { space: approvalChanged ? { ...dto, approval: await approvalOf(owner.id) } : dto };
  }

  /** Records a visit by `viewer` to `owner`'s space; a counted one bumps the counter and tells the owner live. */
  async function recordVisit(viewer: Viewer, owner: UserDto): Promise<void> {
    if (viewer.id === owner.id) return;
    // v1.2 隐身访问: a hidden visit is neither recorded, counted nor announced.
    if (await accounts.visitsHidden(viewer.id)) return;
    const outcome = await visitLog.record(owner.id, viewer.id);
    if (!outcome.counted) return;
    await spaces.updateOne({ owner: new Types.ObjectId(owner.id) }, { $inc: { 'stats.visits': 1 } });
    const visitor = await accounts.getUser(viewer.id);
    if (visitor) pusher.toUser(owner.id, 'space:visitor', { visitor, at: outcome.at.toISOString() });
  }

  return {
    limits,

    /** Creates a user's space with the defaults if it is missing (registration does this). */
    async create(owner: UserDto): Promise<void> {
      await ensureSpace(owner);
    },

    /** The space of `handle`; anyone may read the shell. */
    async get(handle: string, viewer: Viewer | null = null): Promise<{ space: SpaceDto }> {
      const owner = await ownerFor(viewer, handle);
      const space = toSpaceDto(await spaceOf(owner), owner, await accounts.localeOf(owner.id));
      // The approval settings are the owner's business alone.
      return { space: viewer?.id === owner.id ? { ...space, approval: await approvalOf(owner.id) } : space };
    },

    /** Changes the viewer's own space; a partial theme merges into the stored one. */
    async patch(viewer: Viewer, body: SpacePatchBody): Promise<{ space: SpaceDto }> {
      screenFields(deps.screen, {
        title: body.title,
        'music.title': body.music?.title,
        'music.url': urlAsRead(body.music?.url),
        'theme.background.imageUrl': urlAsRead(body.theme?.background?.imageUrl),
      });
      const set: Record<string, unknown> = {};
      // A default title saved back unchanged (settings sends the whole look) stays the default, following the owner's language.
      if (body.title !== undefined) {
        const name = (await accounts.getUser(viewer.id))?.displayName ?? '';
        set.title = isDefaultTitle(body.title, name) ? null : body.title;
      }
      if (body.theme !== undefined) Object.assign(set, themeSetPaths(body.theme));
      if (body.modules !== undefined) set.modules = body.modules;
      if (body.music !== undefined) set.music = body.music;
      if (body.approval?.comments !== undefined) set['approval.comments'] = body.approval.comments;
      if (body.approval?.guestbook !== undefined) set['approval.guestbook'] = body.approval.guestbook;
      return update(viewer, set);
    },

    /** Marks a space certified or not (for whoever grants certification; no endpoint here). */
    async setCertified(ownerId: string, certified: boolean): Promise<void> {
      await spaces.updateOne({ owner: new Types.ObjectId(ownerId) }, { $set: { certified } });
    },

    /** Whether `ownerId`'s space is certified (its fans get its public posts live); false for no such space. */
    async isCertified(ownerId: string): Promise<boolean> {
      if (!Types.ObjectId.isValid(ownerId)) return false;
      return Boolean(await spaces.exists({ owner: new Types.ObjectId(ownerId), certified: true }));
    },

    /** Which of `ownerIds` have a certified space. */
    async certifiedAmong(ownerIds: readonly string[]): Promise<string[]> {
      const ids = ownerIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
      if (!ids.length) return [];
      const found = await spaces.find({ owner: { $in: ids }, certified: true }, { owner: 1 }).lean<Array<{ owner: Types.ObjectId }>>();
      return found.map((s) => s.owner.toHexString());
    },

    /** Puts the viewer's modules back to the default set and order. */
    async restoreModules(viewer: Viewer): Promise<{ space: SpaceDto }> {
      return update(viewer, { modules: defaultModules });
    },

    /** Records a visit by the viewer to `handle`'s space (the owner's own visits are not recorded). */
    async visit(viewer: Viewer, handle: string): Promise<void> {
      await recordVisit(viewer, await ownerFor(viewer, handle));
    },

    /** Who visited, newest first: for the space owner only. */
    async visitors(viewer: Viewer, handle: string, limit: number): Promise<{ visitors: VisitorDto[] }> {
      const owner = await ownerFor(viewer, handle);
      if (owner.id !== viewer.id) throw forbidden('only the owner sees who visited');
      const recent = await visitLog.recent(owner.id, limit);
      const users = await accounts.getUsers(recent.map((v) => v.visitorId));
      return {
        visitors: recent.flatMap((v) => {
          const user = users.get(v.visitorId);
          return user ? [{ user, at: v.at.toISOString() }] : [];
        }),
      };
    },

    /** Guestbook entries of `handle`'s space that the viewer may see, newest first. */
    async guestbookEntries(
      viewer: Viewer | null,
      handle: string,
      page: GuestbookQuery,
    ): Promise<{ entries: GuestbookEntryDto[]; next: string | null }> {
      return guestbook.list(viewer, await ownerFor(viewer, handle), page);
    },

    /** Leaves an entry in `handle`'s guestbook. */
    async signGuestbook(viewer: Viewer, handle: string, body: GuestbookBody): Promise<{ entry: GuestbookEntryDto }> {
      const owner = await ownerFor(viewer, handle);
      const author = await accounts.getUser(viewer.id);
      if (!author) throw unauthorized();
      return guestbook.post(viewer, author, owner, body, (await approvalOf(owner.id)).guestbook);
    },

    /** v1.2: whether others' new comments on `ownerId`'s posts wait for the owner's approval (评论审核). */
    async commentsNeedApproval(ownerId: string): Promise<boolean> {
      return (await approvalOf(ownerId)).comments;
    },

    /** v1.2: what the owner does to their own guestbook's entries: reply, approve, reject. */
    guestbookOwner: ownerActions,

    /** The room of `handle`'s open space (its look), if the viewer may see the space (a blocked viewer gets not_found). */
    async spaceRoom(viewer: Viewer, handle: string): Promise<string> {
      return rooms.space((await ownerFor(viewer, handle)).id);
    },

    /** The room of `handle`'s guestbook, if the viewer may see the space (a blocked viewer gets not_found). */
    async guestbookRoom(viewer: Viewer, handle: string): Promise<string> {
      return rooms.guestbook((await ownerFor(viewer, handle)).id);
    },

    /** Deletes a guestbook entry (its author or the space owner). */
    async deleteGuestbookEntry(viewer: Viewer, handle: string, entryId: string): Promise<void> {
      await guestbook.remove(viewer, await accounts.requireByHandle(handle), entryId);
    },

    /** Removes any guestbook entry, live (moderators resolving a report; the caller checks the role). */
    async removeGuestbookEntryAsModerator(entryId: string): Promise<void> {
      await guestbook.removeAsModerator(entryId);
    },
  };
}

export type SpaceService = ReturnType<typeof createSpaceService>;
