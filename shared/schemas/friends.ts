/** Input schemas of the friends module: friend requests and friendships. */
import { z } from 'zod';
import { handle } from './common.js';

export const friendRequestBody = z.strictObject({ to: handle });
export type FriendRequestBody = z.infer<typeof friendRequestBody>;
