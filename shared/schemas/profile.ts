/** v1.1 input schemas of accounts: profile edits, password change, account deletion, user search. */
import { z } from 'zod';
import { userLocale } from './auth.js';
import { objectId, text } from './common.js';

const password = z.string().min(8, 'must be 8–128 characters').max(128, 'must be 8–128 characters');

/** `PATCH /api/me`: any of these; `avatar: null` removes the avatar; `locale` is the language the person now uses. */
export const profileBody = z
  .strictObject({
    displayName: text(1, 40).optional(),
    bio: text(0, 200).optional(),
    avatar: objectId.nullable().optional(),
    locale: userLocale.optional(),
    /** v1.2 隐身访问 (yellow tier only). */
    hiddenVisits: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'change at least one of displayName, bio, avatar, locale, hiddenVisits');
export type ProfileBody = z.infer<typeof profileBody>;

/** `POST /api/auth/password`. */
export const passwordBody = z.strictObject({
  current: z.string().min(1).max(128),
  next: password,
});
export type PasswordBody = z.infer<typeof passwordBody>;

/** `DELETE /api/me`: the password again, so a borrowed signed-in browser cannot delete the account. */
export const deleteAccountBody = z.strictObject({ password: z.string().min(1).max(128) });

/**
 * `GET /api/users?q=&limit=`: a prefix, matched case-insensitively as plain text (never a pattern).
 * A leading `@` is allowed and ignored, as people type handles that way.
 */
export const userSearchQuery = z.strictObject({
  q: z
    .string()
    .refine((s) => s.isWellFormed(), 'must be valid unicode')
    .transform((s) => s.trim().replace(/^@/, ''))
    .pipe(z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters')),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type UserSearchQuery = z.infer<typeof userSearchQuery>;
