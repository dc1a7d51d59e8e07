/** Room names, in one place. A room name says who is in it. */
export const rooms = {
  /** Every socket of one user. */
  user: (userId: string) => `u:${userId}`,
  /**
   * A user's audience: the sockets of their friends (not their own, so that `user` and `audience`
   * never share a socket and a post goes to both as two native publishes without duplicates).
   * Joined on connect (friends/socket.ts) and on friendship, left on unfriend and block, on every node (pusher.ts).
   */
  audience: (userId: string) => `a:${userId}`,
  /**
   * Sockets watching one post. The author id is part of the name so that ending a friendship can
   * drop an ex-friend's sockets from all of the author's post rooms at once.
   */
  post: (authorId: string, postId: string) => `p:${authorId}:${postId}`,
  /** Every post room of one author: the prefix of `post(authorId, …)`. */
  postsOf: (authorId: string) => `p:${authorId}:`,
  /**
   * Fans of a certified space who are not its friends (those are in its `audience`): its public
   * posts are pushed once to this room and once to its audience, which share no socket.
   */
  fans: (ownerId: string) => `f:${ownerId}`,
  /**
   * Sockets watching `ownerId`'s guestbook. It sits under the owner's post-room prefix on purpose:
   * ending a friendship or blocking drops a socket from `postsOf(ownerId)` rooms, and so from this one.
   */
  guestbook: (ownerId: string) => `p:${ownerId}:guestbook`,
  /** Sockets with `ownerId`'s space open (`space:watch`); under the owner's post-room prefix, so blocking drops them too. */
  space: (ownerId: string) => `p:${ownerId}:space`,
  /** Sockets with one album open; under the owner's post-room prefix, so unfriending or blocking drops them too. */
  album: (ownerId: string, albumId: string) => `p:${ownerId}:album:${albumId}`,
  /**
   * v1.2: the sockets of the members of one of `ownerId`'s friend groups (never the owner's own):
   * joined on connect and when added to the group, left at once when taken out of it, when the
   * group goes and when the friendship ends. A group-limited post is one broadcast to these rooms.
   * The owner id is in the name so that ending a friendship drops every group room of the other at once.
   */
  group: (ownerId: string, groupId: string) => `g:${ownerId}:${groupId}`,
  /** Every group room of one owner: the prefix of `group(ownerId, …)`. */
  groupsOf: (ownerId: string) => `g:${ownerId}:`,
  /** Sockets of moderators with the moderation queue open (`moderation:watch`). */
  moderators: () => 'mods',
  /** The two players of a match. */
  match: (matchId: string) => `m:${matchId}`,
} as const;
