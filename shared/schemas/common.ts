/** Building blocks for input schemas, shared by the server's validation and the client's forms. */
import { z } from 'zod';

/** A MongoDB ObjectId as 24 hex characters: every `:id` path parameter and id field. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'must be an id');

export const handle = z
  .string()
  .min(3, 'must be 3–32 characters')
  .max(32, 'must be 3–32 characters')
  .regex(/^[a-z0-9_]+$/, 'may hold only a-z, 0-9 and _');

/** v1.2: `groups` — members of the author's chosen friend groups (with `groups: [id]`). */
export const privacy = z.enum(['public', 'friends', 'groups', 'private']);

/** Free text: trimmed, no control characters other than newline and tab, well-formed UTF-16. */
export function text(min: number, max: number) {
  return z
    .string()
    .refine((s) => s.isWellFormed(), 'must be valid unicode')
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`)
        .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not hold control characters'),
    );
}

/** Cursor pagination query: `?before=<cursor>&limit=<n>`. */
export const pageQuery = z.strictObject({
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** A socket payload or body with nothing in it. */
export const empty = z.strictObject({});

export const idParams = z.strictObject({ id: objectId });
export const handleParams = z.strictObject({ handle });
