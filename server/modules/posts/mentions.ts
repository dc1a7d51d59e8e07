/**
 * Mentions: `@handle` in a post's, comment's or guestbook entry's text. Nothing is stored: the
 * handles are read from the text, so an edit or a deletion needs no bookkeeping. A mentioned user
 * is shown (DTO `mentions`) only to viewers they do not block, and notified (`mention`, once per
 * item) only if they may see the item and neither of the two blocks the other.
 */
import type { Connection } from 'mongoose';
import type { NotificationSubject, UserDto } from '../../../shared/dto.js';
import { maxMentions, mentionPattern } from '../../../shared/mentions.js';
import type { Logger } from '../../logger.js';
import { userModel } from '../accounts/model.js';
import type { AccountService } from '../accounts/service.js';
import { createBlockLookup } from '../blocks/lookup.js';
import type { Notifier } from '../notifications/notifier.js';

/** The handles mentioned in `text` (HTML tags ignored), lowercased, first occurrence order. */
export function mentionedHandles(text: string): string[] {
  const plain = text.replace(/<[^>]*>/g, ' ');
  const found = new Set<string>();
  for (const m of plain.matchAll(mentionPattern)) {
    found.add(m[2]!.toLowerCase());
    if (found.size >= maxMentions) break;
  }
  return [...found];
}

export interface MentionDeps {
  readonly conn: Connection;
  readonly accounts: Pick<AccountService, 'getUsers'>;
  readonly notifier: Notifier;
  /** Where failed mention notifications are reported (absent: they are dropped quietly). */
  readonly logger?: Pick<Logger, 'error'>;
}

export function createMentions({ conn, accounts, notifier, logger }: MentionDeps) {
  const users = userModel(conn);
  const blocks = createBlockLookup(conn);

  async function byHandles(handles: readonly string[]): Promise<Map<string, UserDto>> {
    if (handles.length === 0) return new Map();
    const found = await users
      .find({ handle: { $in: [...new Set(handles)] } }, { _id: 1, handle: 1 })
      .lean<Array<{ _id: { toHexString(): string }; handle: string }>>();
    const dtos = await accounts.getUsers(found.map((u) => u._id.toHexString()));
    return new Map(found.flatMap((u) => (dtos.has(u._id.toHexString()) ? [[u.handle, dtos.get(u._id.toHexString())!] as const] : [])));
  }

  return {
    /** Per text, the mentioned users `viewerId` may see (those who block the viewer are left out). */
    async forTexts(texts: readonly string[], viewerId: string | null): Promise<UserDto[][]> {
      const perText = texts.map(mentionedHandles);
      const known = await byHandles(perText.flat());
      const hiddenFrom = new Set<string>();
      if (viewerId) {
        for (const user of known.values()) if (await blocks.blocks(user.id, viewerId)) hiddenFrom.add(user.id);
      }
      return perText.map((handles) => handles.flatMap((h) => known.get(h) ?? []).filter((u) => !hiddenFrom.has(u.id)));
    },

    /**
     * Tells each user mentioned in `text` by `authorId`, once per item, if `mayView(userId)` says
     * they may see the item and no block stands between them. A side effect: failures are logged.
     * With `onceKey`, a user already told under that key is not told again (an item announced twice).
     */
    async notify(
      text: string,
      authorId: string,
      subject: NotificationSubject,
      mayView: (userId: string) => Promise<boolean>,
      onceKey?: string,
    ): Promise<void> {
      const mentioned = await byHandles(mentionedHandles(text));
      for (const user of mentioned.values()) {
        if (user.id === authorId) continue;
        try {
          if ((await blocks.eitherWay(user.id, authorId)) || !(await mayView(user.id))) continue;
          await notifier.notify({ to: user.id, kind: 'mention', actorId: authorId, subject, ...(onceKey ? { onceKey } : {}) });
        } catch (err) {
          logger?.error({ err, to: user.id }, 'mention notification failed');
        }
      }
    },
  };
}

export type Mentions = ReturnType<typeof createMentions>;
