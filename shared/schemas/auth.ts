import { z } from 'zod';
import { handle, text } from './common.js';

/** The languages a person can use Kongjian in; their own space's default title follows theirs. */
export const userLocale = z.enum(['en', 'zh-CN']);

export const registerBody = z.strictObject({
  handle,
  password: z.string().min(8, 'must be 8–128 characters').max(128, 'must be 8–128 characters'),
  displayName: text(1, 40),
  /** The client's language at sign-up (English when not given). */
  locale: userLocale.optional(),
});
export type RegisterBody = z.infer<typeof registerBody>;

export const loginBody = z.strictObject({
  handle: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;
