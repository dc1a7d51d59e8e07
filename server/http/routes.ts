/** Every REST endpoint of every feature module, mounted under /api. */
import type { Services } from '../services.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { friendRoutes } from '../modules/friends/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { spaceRoutes } from '../modules/spaces/routes.js';
import { postRoutes } from '../modules/posts/routes.js';
import { gameRoutes } from '../modules/games/routes.js';
import { moderationRoutes } from '../modules/moderation/routes.js';
import { albumRoutes } from '../modules/albums/routes.js';
import { fanRoutes } from '../modules/fans/routes.js';
import { selfRoutes } from '../modules/accounts/self-routes.js';
import { blockRoutes } from '../modules/blocks/routes.js';
import { searchRoutes } from '../modules/search/routes.js';
import { reportRoutes } from '../modules/reports/routes.js';
import { chatRoutes } from '../modules/chat/routes.js';
import { careRoutes } from '../modules/care/routes.js';
import { approvalRoutes } from '../modules/approval/routes.js';
import { groupRoutes } from '../modules/groups/routes.js';
import { videoRoutes } from '../modules/videos/routes.js';
import type { Endpoint } from './endpoint.js';
import { hideFromBlocked } from './hidden-from-blocked.js';
import { AppError } from '../errors.js';

export function apiEndpoints(s: Services): Endpoint[] {
  const endpoints = [
    ...accountRoutes(s.accounts, s.chat),
    ...friendRoutes(s.friends),
    ...notificationRoutes(s.notifications),
    ...spaceRoutes(s.spaces),
    ...postRoutes(s.posts),
    ...gameRoutes(s.games),
    ...moderationRoutes(s.moderation, s.moderationQueue),
    ...albumRoutes(s.albums),
    ...fanRoutes(s.fans),
    ...selfRoutes(s.self),
    ...blockRoutes(s.blocks),
    ...searchRoutes(s.search),
    ...reportRoutes(s.reports),
    ...chatRoutes(s.chat),
    ...careRoutes(s.care),
    ...approvalRoutes(s.approval, s.spaces),
    ...groupRoutes(s.groups),
    ...videoRoutes(s.videos),
  ];
  return hideFromBlocked(endpoints, {
    idOfHandle: (handle) =>
      s.accounts.requireByHandle(handle).then(
        (user) => user.id,
        (err: unknown) => {
          if (err instanceof AppError && err.code === 'not_found') return null;
          throw err;
        },
      ),
    blocks: (blockerId, blockedId) => s.blocks.lookup.blocks(blockerId, blockedId),
  });
}
