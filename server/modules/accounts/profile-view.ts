/** The v1.1 profile fields of a user as every DTO that carries the user shows them. */

export interface ProfileFields {
  readonly bio?: string | null;
  /** The content hash of the avatar's source photo; its square renditions are named after it. */
  readonly avatarKey?: string | null;
}

/** What the accounts service reads of a user: enough for the DTO, the viewer and the session check. */
export const userProjection = {
  handle: 1,
  displayName: 1,
  role: 1,
  tier: 1,
  bio: 1,
  avatarKey: 1,
  locale: 1,
  hiddenVisits: 1,
  tokenGen: 1,
  revokedTokens: 1,
} as const;

export const avatarSizes = { small: 64, large: 256 } as const;

/** The public file name of one rendition (accounts/avatar-files.ts serves `/avatars/<name>`). */
export const avatarFileName = (key: string, size: keyof typeof avatarSizes) => `${key}-${avatarSizes[size]}.webp`;

export function profileOf(u: ProfileFields): { bio?: string; avatarUrl?: string; avatarLargeUrl?: string } {
  return {
    ...(u.bio ? { bio: u.bio } : {}),
    ...(u.avatarKey
      ? {
          avatarUrl: `/avatars/${avatarFileName(u.avatarKey, 'small')}`,
          avatarLargeUrl: `/avatars/${avatarFileName(u.avatarKey, 'large')}`,
        }
      : {}),
  };
}
