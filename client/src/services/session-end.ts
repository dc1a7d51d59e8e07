/**
 * A session ended elsewhere: the hub tells this tab's socket `server:notice` `revoked` (a password
 * change or sign-out in another browser, or the account deleted) and cuts it off. The stored token
 * is checked again — unless this tab is itself changing the password, whose new token is on its way —
 * and a token that no longer works signs this tab out, onto the sign-in page, without a reload.
 */
import { msg } from '@lit/localize';
import { realtime } from './realtime.js';
import { session } from './session.js';
import { toasts } from './toasts.js';

realtime.on('server:notice', ({ code }) => {
  // A session this tab ends itself is no news to its reader.
  if (code !== 'revoked' || session.leaving || session.status !== 'signed-in') return;
  void (async () => {
    await session.renewing;
    await session.restore();
    if (session.status === 'signed-out')
      toasts.show(msg('Your session has ended. Please sign in again.', { id: 'account.sessionEnded' }), { tone: 'info' });
  })();
});
