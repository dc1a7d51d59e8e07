/**
 * `@handle` mentions, read the same way by the hub (who is notified) and the client (what is linked).
 * A handle is 3–32 of a–z, 0–9 and `_`, not glued to a word or another `@` before it.
 */
export const mentionPattern = /(^|[^a-z0-9_@])@([a-z0-9_]{3,32})(?![a-z0-9_])/gi;

/** At most this many mentions per item are honoured (a wall of @s notifies nobody past it). */
export const maxMentions = 10;

/** A text cut into plain runs and `@handle` mentions (handles lowercased), in order. */
export type MentionPart = { readonly text: string } | { readonly handle: string; readonly text: string };

export function mentionParts(text: string): MentionPart[] {
  const parts: MentionPart[] = [];
  let at = 0;
  for (const m of text.matchAll(mentionPattern)) {
    const start = m.index + m[1]!.length;
    if (start > at) parts.push({ text: text.slice(at, start) });
    const written = `@${m[2]!}`;
    parts.push({ handle: m[2]!.toLowerCase(), text: written });
    at = start + written.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
