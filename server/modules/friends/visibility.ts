/**
 * Who may see an item: the single rule every read and every push applies.
 * public → anyone; friends → the owner and the owner's friends, but for those the item is hidden
 * from (`except`, 不给谁看); groups → the owner and the friends in one of its `groups` (v1.2, at read
 * time); private → the owner alone.
 * Moderation states (`held`, `review`) hide an item from everyone but its owner (and moderators
 * where a moderator view asks for it).
 */
import type { Privacy } from '../../../shared/dto.js';

/** `blocked`: the owner blocks the viewer, who then sees nothing of the owner's (contract v1.1). */
export type Relation = 'self' | 'friend' | 'stranger' | 'anonymous' | 'blocked';

/** An id as stored (ObjectId) or as a string. */
type IdLike = { toHexString(): string } | string;

export interface Visible {
  readonly privacy: Privacy;
  /** Absent means published. */
  readonly status?: string;
  /** With privacy `groups`: the owner's groups whose members may see the item. */
  readonly groups?: readonly IdLike[] | null;
  /** With privacy `friends`: the friends who may not (user ids). */
  readonly except?: readonly IdLike[] | null;
}

/** A friend as a limited item asks about them: their id and which of the owner's groups they are in. */
export interface Circle {
  readonly viewerId: string;
  readonly groupIds: ReadonlySet<string>;
}

const hex = (id: IdLike) => (typeof id === 'string' ? id : id.toHexString());

/** Whether deciding on `item` for a friend takes their `Circle` (a group-limited item, or one with exceptions). */
export function needsCircle(item: Visible): boolean {
  return item.privacy === 'groups' || (item.except?.length ?? 0) > 0;
}

/**
 * Whether a viewer standing in `relation` to the owner may see `item`. An item that needs a circle
 * and is asked about without one is hidden (fails closed), so a reader that does not know about
 * groups can never show a group-limited item.
 */
export function canView(relation: Relation, item: Visible, circle?: Circle): boolean {
  if (relation === 'self') return item.status !== 'removed' && item.status !== 'rejected';
  if (relation === 'blocked') return false;
  if (item.status !== undefined && item.status !== 'published') return false;
  if (item.privacy === 'public') return true;
  if (relation !== 'friend') return false;
  if (needsCircle(item) && !circle) return false;
  if (circle && item.except?.some((id) => hex(id) === circle.viewerId)) return false;
  if (item.privacy === 'friends') return true;
  if (item.privacy === 'groups') return Boolean(circle && item.groups?.some((id) => circle.groupIds.has(hex(id))));
  return false;
}

/**
 * The store filter of an owner's published items a viewer in `relation` may see (for list queries,
 * which must filter in the query itself). `memberOf`: the groups the viewer is in (only a friend's
 * filter reads it). Returns the alternatives to `$or` (one, in the common case).
 */
export function visibleWhere(relation: Relation, viewerId: unknown, memberOf: readonly unknown[]): Record<string, unknown>[] {
  if (relation === 'self') return [{ privacy: { $in: ['public', 'friends', 'groups', 'private'] } }];
  if (relation === 'blocked') return [];
  if (relation !== 'friend') return [{ privacy: 'public' }];
  const shared = { privacy: { $in: ['public', 'friends'] }, except: { $ne: viewerId } };
  return memberOf.length ? [shared, { privacy: 'groups', groups: { $in: memberOf } }] : [shared];
}
