/** Input schemas of personal spaces: the owner's customisation, visits and the guestbook. */
import { z } from 'zod';
import { limits } from '../limits.js';
import { handle, objectId, pageQuery, text } from './common.js';

export const spaceModuleKinds = ['profile', 'shuoshuo', 'diary', 'albums', 'guestbook', 'visitors', 'music', 'games'] as const;
export const spaceLayouts = ['classic', 'wide'] as const;
/** Which column of a space a module sits in. */
export const spaceColumns = ['main', 'side'] as const;

/** #rgb or #rrggbb; nothing that could smuggle CSS (no names, no functions). */
export const cssColor = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a colour like #rgb or #rrggbb');

/** An absolute http(s) URL: never javascript:, data: or anything else a browser would run or inline. */
export const httpUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((s) => {
    if (/[\s\u0000-\u001f\u007f"'<>\\]/.test(s)) return false;
    try {
      const url = new URL(s);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** A partial theme: only the given fields change, the rest stay as they are. */
export const themePatch = z.strictObject({
  background: z
    .strictObject({
      color: cssColor.optional(),
      imageUrl: httpUrl.nullable().optional(),
    })
    .optional(),
  colors: z
    .strictObject({
      accent: cssColor.optional(),
      text: cssColor.optional(),
      panel: cssColor.optional(),
    })
    .optional(),
  layout: z.enum(spaceLayouts).optional(),
  transparency: z.number().min(0, 'must be 0–0.9').max(0.9, 'must be 0–0.9').optional(),
});
export type ThemePatch = z.infer<typeof themePatch>;

export const spaceModule = z.strictObject({
  kind: z.enum(spaceModuleKinds),
  column: z.enum(spaceColumns),
  order: z.number().int('must be an integer').min(0).max(99),
  visible: z.boolean(),
});

/** The whole module list: each kind at most once. */
export const spaceModules = z
  .array(spaceModule)
  .max(spaceModuleKinds.length)
  .superRefine((modules, ctx) => {
    const seen = new Set<string>();
    modules.forEach((m, i) => {
      if (seen.has(m.kind)) ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: `${m.kind} appears more than once` });
      seen.add(m.kind);
    });
  });

export const spaceMusic = z.strictObject({ title: text(1, 80), url: httpUrl }).nullable();

export const spacePatchBody = z
  .strictObject({
    title: text(1, 60).optional(),
    theme: themePatch.optional(),
    modules: spaceModules.optional(),
    music: spaceMusic.optional(),
    /** v1.2 owner approval (评论审核/留言审核): others' new comments on the owner's posts, guestbook entries. */
    approval: z.strictObject({ comments: z.boolean().optional(), guestbook: z.boolean().optional() }).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one of title, theme, modules, music, approval');
export type SpacePatchBody = z.infer<typeof spacePatchBody>;

export const visitorsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const guestbookBody = z.strictObject({
  text: text(1, limits.guestbookChars),
  private: z.boolean().default(false),
});
export type GuestbookBody = z.infer<typeof guestbookBody>;

export const guestbookQuery = pageQuery.extend({ before: objectId.optional() });
export type GuestbookQuery = z.infer<typeof guestbookQuery>;

export const guestbookEntryParams = z.strictObject({ handle, id: objectId });

export const spaceEnterPayload = z.strictObject({ handle });

/** v1.2 `PUT /api/spaces/me/guestbook/:id/reply`: the owner's one reply under an entry (主人回复). */
export const guestbookReplyBody = z.strictObject({ text: text(1, limits.guestbookChars) });
export type GuestbookReplyBody = z.infer<typeof guestbookReplyBody>;

/** v1.2: what waits for the owner's approval: a comment on one of their posts, or a guestbook entry. */
export const pendingKinds = ['comment', 'entry'] as const;
export type PendingKind = (typeof pendingKinds)[number];

/** v1.2 `POST /api/spaces/me/pending/:kind/:id/approve|reject`. */
export const pendingParams = z.strictObject({ kind: z.enum(pendingKinds), id: objectId });
