/** v1.2 input schemas of friend groups (分组) and of who may see a post or album (groups, except). */
import { z } from 'zod';
import { limits } from '../limits.js';
import { handle, objectId, text } from './common.js';

/** `POST /api/groups { name }`. */
export const groupCreateBody = z.strictObject({ name: text(1, limits.groupNameChars) });
export type GroupCreateBody = z.infer<typeof groupCreateBody>;

/** `PATCH /api/groups/:id { name?, members? }`: `members` replaces the whole list (friends' handles). */
export const groupPatchBody = z.strictObject({
  name: text(1, limits.groupNameChars).optional(),
  members: z
    .array(handle)
    .max(limits.exceptHandles, `at most ${limits.exceptHandles} members`)
    .refine((m) => new Set(m).size === m.length, 'must not repeat a member')
    .optional(),
});
export type GroupPatchBody = z.infer<typeof groupPatchBody>;

/**
 * Who may see a post or album beyond its privacy level: `groups` (with privacy `groups`: the author's
 * groups whose members may see it) and `except` (with privacy `friends`: friends who may not, 不给谁看).
 */
export const audienceFields = {
  groups: z
    .array(objectId)
    .min(1, 'choose at least one group')
    .max(limits.groups, `at most ${limits.groups} groups`)
    .refine((g) => new Set(g).size === g.length, 'must not repeat a group')
    .optional(),
  except: z
    .array(handle)
    .max(limits.exceptHandles, `at most ${limits.exceptHandles} friends`)
    .refine((e) => new Set(e).size === e.length, 'must not repeat a friend')
    .optional(),
};

interface AudienceInput {
  readonly privacy: string;
  readonly groups?: readonly string[] | undefined;
  readonly except?: readonly string[] | undefined;
}

/** The rule between the fields: `groups` goes with privacy `groups` (and it needs them), `except` with `friends`. */
export function checkAudience(v: AudienceInput, ctx: z.RefinementCtx): void {
  if (v.privacy === 'groups' && !v.groups?.length) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'choose at least one group' });
  if (v.privacy !== 'groups' && v.groups !== undefined)
    ctx.addIssue({ code: 'custom', path: ['groups'], message: 'only with privacy "groups"' });
  if (v.privacy !== 'friends' && v.except !== undefined)
    ctx.addIssue({ code: 'custom', path: ['except'], message: 'only with privacy "friends"' });
}
