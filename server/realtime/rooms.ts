/** Room names, in one place. A room name says who is in it. */
export const rooms = {
  /** Every socket of one user. */
  user: (userId: string) => `u:${userId}`,
  /**
   * Sockets watching one post. The author id is part of the name so that ending a friendship can
   * drop an ex-friend's sockets from all of the author's post rooms at once.
   */
  post: (authorId: string, postId: string) => `p:${authorId}:${postId}`,
  /** Every post room of one author: the prefix of `post(authorId, …)`. */
  postsOf: (authorId: string) => `p:${authorId}:`,
  /** Fans of a certified space: its public posts are pushed once to this room. */
  fans: (ownerId: string) => `f:${ownerId}`,
  /** The two players of a match. */
  match: (matchId: string) => `m:${matchId}`,
} as const;
