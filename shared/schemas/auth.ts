import { z } from 'zod';
import { handle, text } from './common.js';

export const registerBody = z.strictObject({
  handle,
  password: z.string().min(8, 'must be 8–128 characters').max(128, 'must be 8–128 characters'),
  displayName: text(1, 40),
});
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.strictObject({
  handle: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;
