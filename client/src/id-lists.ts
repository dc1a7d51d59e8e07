/**
 * Lists of things with an id (posts, comments, photos, guestbook entries) as live events and answers
 * add to them: the same thing can arrive twice (pushed, and in a read or a reply), and is listed once.
 * A list that already holds it comes back as it was (the same array, so nothing re-renders).
 */
interface WithId {
  readonly id: string;
}

/** `list` with `item` at its end, unless it is already in it. */
export function withLast<T extends WithId>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list : [...list, item];
}

/** `list` with `item` first, unless it is already in it. */
export function withFirst<T extends WithId>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list : [item, ...list];
}
