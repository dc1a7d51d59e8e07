/**
 * The client's own words for the hub's error codes (shared/errors.ts). Server messages stay English, for
 * logs; a person sees these, in their language.
 */
import { msg } from '@lit/localize';
import type { ErrorCode } from '../../../shared/errors.js';
import { currentLocale } from './locale.js';

export type ClientErrorCode = ErrorCode | 'network';

const messages: Readonly<Record<ClientErrorCode, () => string>> = {
  invalid: () => msg('Some of what you entered is not valid.', { id: 'error.invalid' }),
  unauthorized: () => msg('Please sign in again.', { id: 'error.unauthorized' }),
  forbidden: () => msg('You are not allowed to do that.', { id: 'error.forbidden' }),
  not_found: () => msg('That no longer exists.', { id: 'error.notFound' }),
  conflict: () => msg('That is already taken or was changed meanwhile.', { id: 'error.conflict' }),
  too_large: () => msg('That is too large.', { id: 'error.tooLarge' }),
  unsupported_media: () => msg('That file type is not supported.', { id: 'error.unsupportedMedia' }),
  blocked: () => msg('This cannot be posted: it breaks the community rules.', { id: 'error.blocked' }),
  rate_limited: () => msg('Too many tries. Please wait a moment.', { id: 'error.rateLimited' }),
  unavailable: () => msg('The hub is busy. Please try again shortly.', { id: 'error.unavailable' }),
  internal: () => msg('Something went wrong on the hub.', { id: 'error.internal' }),
  network: () => msg('The hub cannot be reached. Check your connection.', { id: 'error.network' }),
};

/** The localized message for an error code; unknown codes read as a generic failure. */
export function errorMessage(code: string): string {
  return (messages[code as ClientErrorCode] ?? messages.internal)();
}

/** Field names the forms use, in the shown language, for `invalid` answers that name fields. */
export function fieldName(field: string): string {
  const names: Record<string, () => string> = {
    handle: () => msg('Handle', { id: 'field.handle' }),
    displayName: () => msg('Display name', { id: 'field.displayName' }),
    password: () => msg('Password', { id: 'field.password' }),
    email: () => msg('Email', { id: 'field.email' }),
    title: () => msg('Title', { id: 'field.title' }),
    body: () => msg('Text', { id: 'field.body' }),
    text: () => msg('Text', { id: 'field.text' }),
    bio: () => msg('About', { id: 'field.bio' }),
    name: () => msg('Name', { id: 'field.name' }),
  };
  return names[field]?.() ?? field;
}

/** What is wrong with one field: the hub's own words in English, a localized generic phrase otherwise. */
export function fieldProblem(detail: string): string {
  return currentLocale() === 'en' ? detail : msg('Not in the right form.', { id: 'field.problem' });
}
