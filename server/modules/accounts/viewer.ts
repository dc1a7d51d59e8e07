import type { Role, Tier } from '../../../shared/dto.js';

/** The signed-in user making a request or holding a socket. */
export interface Viewer {
  readonly id: string;
  readonly handle: string;
  readonly role: Role;
  readonly tier: Tier;
}

export const isModerator = (viewer: Viewer | null): boolean => viewer?.role === 'moderator';
