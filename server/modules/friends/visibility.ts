/**
 * Who may see an item: the single rule every read and every push applies.
 * public → anyone; friends → the owner and the owner's friends; private → the owner alone.
 * Moderation states (`held`, `review`) hide an item from everyone but its owner (and moderators
 * where a moderator view asks for it).
 */
import type { Privacy } from '../../../shared/dto.js';

/** `blocked`: the owner blocks the viewer, who then sees nothing of the owner's (contract v1.1). */
export type Relation = 'self' | 'friend' | 'stranger' | 'anonymous' | 'blocked';

export interface Visible {
  readonly privacy: Privacy;
  /** Absent means published. */
  readonly status?: string;
}

export function canView(relation: Relation, item: Visible): boolean {
  if (relation === 'self') return item.status !== 'removed' && item.status !== 'rejected';
  if (relation === 'blocked') return false;
  if (item.status !== undefined && item.status !== 'published') return false;
  if (item.privacy === 'public') return true;
  if (item.privacy === 'friends') return relation === 'friend';
  return false;
}

/** The privacy levels a viewer with `relation` may see among published items. */
export function visiblePrivacies(relation: Relation): Privacy[] {
  if (relation === 'self') return ['public', 'friends', 'private'];
  if (relation === 'friend') return ['public', 'friends'];
  if (relation === 'blocked') return [];
  return ['public'];
}
