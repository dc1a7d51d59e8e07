/**
 * Everything under `/spaces/:handle` answers a viewer whom the space's owner blocks exactly as it
 * answers a handle that names nobody (404 `user not found`), before the endpoint runs: the space,
 * and every per-user listing with it (posts, albums, matches, guestbook, fans, visitors).
 *
 * Why here, once: the space answered 404 but its posts, albums and matches answered 200 with empty
 * lists, which told the blocked person they were blocked (issue #26). A listing added later under
 * `/spaces/:handle` is covered without remembering to.
 *
 * The blocker still sees the space of whoever they block (that is where they unblock from).
 */
import { notFound } from '../errors.js';
import type { Endpoint } from './endpoint.js';

export interface OwnerLookups {
  /** The user id a handle names, or null. */
  readonly idOfHandle: (handle: string) => Promise<string | null>;
  readonly blocks: (blockerId: string, blockedId: string) => Promise<boolean>;
}

const ownerPath = /^\/spaces\/:handle(\/|$)/;

export function hideFromBlocked(endpoints: readonly Endpoint[], lookups: OwnerLookups): Endpoint[] {
  return endpoints.map((endpoint) => {
    if (!ownerPath.test(endpoint.path) || endpoint.auth === 'moderator') return endpoint;
    const answer: Endpoint['answer'] = async (req, viewer) => {
      const handle = req.params.handle;
      if (viewer && typeof handle === 'string') {
        const ownerId = await lookups.idOfHandle(handle);
        if (ownerId && (await lookups.blocks(ownerId, viewer.id))) throw notFound('user');
      }
      return endpoint.answer(req, viewer);
    };
    // `run` calls `this.answer`, so the copy runs through the check too.
    return { ...endpoint, answer };
  });
}
