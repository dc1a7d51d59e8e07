/**
 * The composition of the domain services. Each service gets its dependencies passed in (no
 * singletons), so a test or a second hub in the same process builds its own set.
 */
import type { Connection } from 'mongoose';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { RateLimits } from './rate-limits.js';
import type { Pusher } from './realtime/pusher.js';
import type { RedisClients } from './redis.js';
import { createAccountService } from './modules/accounts/service.js';
import type { TokenSigner } from './modules/accounts/tokens.js';
import type { Passwords } from './modules/accounts/password.js';
import { createFriendService } from './modules/friends/service.js';
import { createAreFriends } from './modules/friends/are-friends.js';
import { createNotificationService } from './modules/notifications/service.js';
import { createPresence } from './modules/presence/index.js';
import { createSpaceService } from './modules/spaces/service.js';
import { createEnsureSpace } from './modules/spaces/ensure-space.js';
import { createPostService } from './modules/posts/service.js';
import { createGameService } from './modules/games/service.js';
import { createModerationService } from './modules/moderation/service.js';
import { createModerationQueue } from './modules/moderation/queue.js';
import { createAlbumService } from './modules/albums/service.js';
import { createUrlSigner } from './modules/albums/url-signer.js';
import { createFanService } from './modules/fans/service.js';
import type { ClusterBus } from './realtime/cluster-bus.js';
import { rooms } from './realtime/rooms.js';
import { createSessions } from './modules/accounts/sessions.js';
import { createProfiles } from './modules/accounts/profile.js';
import { createAccountDeletion } from './modules/accounts/deletion.js';
import { createBlockService } from './modules/blocks/service.js';
import { createSearchService } from './modules/search/service.js';
import { createReportService } from './modules/reports/service.js';
import { createChatService } from './modules/chat/service.js';
import { createCareService } from './modules/care/service.js';
import { createApprovalService } from './modules/approval/service.js';
import { createGroupService } from './modules/groups/service.js';
import { createGroupAudiences } from './modules/groups/audience.js';
import { createLinkPreviews } from './modules/link-previews/service.js';
import { createVideoService } from './modules/videos/service.js';

export interface CoreDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly conn: Connection;
  readonly pusher: Pusher;
  readonly rateLimits: RateLimits;
  readonly tokens: TokenSigner;
  readonly redis: RedisClients | undefined;
  /** Signs photo capability URLs (the token secret). */
  readonly secret: string;
  /** Cluster-wide broadcasts (session revocations reach every node). */
  readonly bus: ClusterBus;
  /** The hub's password hashing and its queue. */
  readonly passwords: Passwords;
}

export function createServices(deps: CoreDeps) {
  // Built in dependency order: each service gets what it needs already made, none is wired afterwards.
  const moderation = createModerationService({ conn: deps.conn, logger: deps.logger });
  const ensureSpace = createEnsureSpace(deps.conn);
  const accounts = createAccountService({
    conn: deps.conn,
    tokens: deps.tokens,
    rateLimits: deps.rateLimits,
    passwords: deps.passwords,
    screen: moderation,
    afterRegister: async (user) => {
      await ensureSpace(user);
    },
  });
  const notifications = createNotificationService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    logger: deps.logger,
    rateLimits: deps.rateLimits,
    areFriends: createAreFriends(deps.conn),
    bus: deps.bus,
  });
  const notifier = notifications;
  const friends = createFriendService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    notifier,
    bus: deps.bus,
  });
  const groupAudiences = createGroupAudiences({
    conn: deps.conn,
    accounts,
    bus: deps.bus,
    clustered: Boolean(deps.redis),
    logger: deps.logger,
  });
  const blocks = createBlockService({ conn: deps.conn, pusher: deps.pusher, accounts, friends });
  const spaces = createSpaceService({
    blocks: blocks.lookup,
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    notifier,
    screen: moderation,
    bus: deps.bus,
  });
  const care = createCareService({ conn: deps.conn, accounts, friends, pusher: deps.pusher, bus: deps.bus });
  const presence = createPresence({
    pusher: deps.pusher,
    friends,
    logger: deps.logger,
    redis: deps.redis,
    redisPrefix: deps.config.redisPrefix,
    nodeId: deps.config.nodeId,
    offlineGraceMs: deps.config.presenceOfflineGraceMs,
  });
  const signer = createUrlSigner({ current: deps.secret, previous: deps.config.secretPrevious });
  const albums = createAlbumService({
    conn: deps.conn,
    config: deps.config,
    accounts,
    friends,
    logger: deps.logger,
    signer,
    audit: moderation.audit,
    screen: moderation,
    pusher: deps.pusher,
    groups: groupAudiences,
  });
  const videos = createVideoService({ conn: deps.conn, config: deps.config, accounts, logger: deps.logger, signer });
  const fans = createFanService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    spaces,
    audit: moderation.audit,
    logger: deps.logger,
    clustered: Boolean(deps.redis),
  });
  const linkPreviews = createLinkPreviews({ ...deps.config.linkPreview, dataDir: deps.config.dataDir }, deps.logger);
  const posts = createPostService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    friends,
    notifier,
    screen: moderation,
    photos: albums,
    videos,
    logger: deps.logger,
    fans,
    approval: spaces,
    care,
    groups: groupAudiences,
    scheduling: { nodeId: deps.config.nodeId, ...deps.config.scheduling, bus: deps.bus },
    previews: linkPreviews,
  });
  const moderationQueue = createModerationQueue({ content: posts, audit: moderation.audit });
  const approval = createApprovalService({ posts, spaces });
  const groups = createGroupService({
    conn: deps.conn,
    accounts,
    friends,
    pusher: deps.pusher,
    audiences: groupAudiences,
    // Someone taken out of a friend group stops following the owner's items they may no longer see.
    roomCheck: async (userId, ownerId, room) => {
      const rest = room.slice(rooms.postsOf(ownerId).length);
      if (rest === 'guestbook' || rest === 'space') return true;
      if (rest.startsWith('album:')) return albums.mayView(userId, rest.slice('album:'.length));
      return posts.recipientMaySee(userId, rest);
    },
  });
  const games = createGameService({
    conn: deps.conn,
    pusher: deps.pusher,
    accounts,
    friends,
    notifier,
    logger: deps.logger,
    config: deps.config,
    clustered: Boolean(deps.redis),
  });
  const sessions = createSessions({
    conn: deps.conn,
    tokens: deps.tokens,
    accounts,
    bus: deps.bus,
    passwords: deps.passwords,
  });
  const profiles = createProfiles({
    conn: deps.conn,
    dataDir: deps.config.dataDir,
    accounts,
    announce: sessions.announce,
    pusher: deps.pusher,
    screen: moderation,
  });
  const chat = createChatService({
    conn: deps.conn,
    pusher: deps.pusher,
    logger: deps.logger,
    accounts,
    photos: albums,
    posts,
    friends,
    blocks: blocks.lookup,
    screen: moderation,
  });
  const deleteAccount = createAccountDeletion({
    conn: deps.conn,
    logger: deps.logger,
    deleteAlbum: (viewer, albumId) => albums.deleteAlbum(viewer, albumId),
    recountPost: (postId) => posts.recountPost(postId),
    announce: sessions.announce,
    pusher: deps.pusher,
    deleteMessages: (userId) => chat.deleteAccountMessages(userId),
    deleteVideos: (userId) => videos.deleteAllOf(userId),
  });
  const self = { sessions, profiles, deleteAccount };
  const search = createSearchService({ conn: deps.conn, accounts, blocks: blocks.lookup, logger: deps.logger });
  const reports = createReportService({
    conn: deps.conn,
    logger: deps.logger,
    accounts,
    friends,
    notifier,
    audit: moderation.audit,
    posts,
    spaces,
    messages: chat,
    deleteAccount,
  });
  return {
    accounts,
    notifications,
    friends,
    spaces,
    presence,
    posts,
    games,
    moderation,
    moderationQueue,
    albums,
    fans,
    self,
    blocks,
    search,
    reports,
    chat,
    care,
    approval,
    groups,
    groupAudiences,
    linkPreviews,
    videos,
  };
}

export type Services = ReturnType<typeof createServices>;

/** Stops timers and background work that services started. */
export async function closeServices(services: Services): Promise<void> {
  // Some close synchronously: each is wrapped, so every one counts as settled once it returned or resolved.
  await Promise.allSettled(
    Object.values(services).map(async (s) => {
      await (s as { close?: () => Promise<void> | void }).close?.();
    }),
  );
}
