/** v1.1 endpoints of one's own account: profile, password, sign-out, deletion, and avatar files. */
import type { Express } from 'express';
import { notFound } from '../../errors.js';
import type { Endpoint } from '../../http/endpoint.js';
import { defineEndpoints } from '../../http/endpoint-table.js';
import type { Viewer } from './viewer.js';
import { avatarFile, type Profiles } from './profile.js';
import { bearerToken, type Sessions } from './sessions.js';

export interface SelfServices {
  readonly profiles: Profiles;
  readonly sessions: Sessions;
  readonly deleteAccount: (viewer: Viewer) => Promise<void>;
}

const passwordTries = { name: 'password-check', points: 10, perSeconds: 15 * 60 } as const;

export function selfRoutes({ profiles, sessions, deleteAccount }: SelfServices): Endpoint[] {
  return defineEndpoints({
    'PATCH /me': {
      rateLimit: { name: 'profile-update', points: 60, perSeconds: 60 },
      handler: ({ viewer, body }) => profiles.update(viewer, body),
    },
    'POST /auth/password': { rateLimit: passwordTries, handler: ({ viewer, body }) => sessions.changePassword(viewer, body) },
    'POST /auth/logout': {
      status: 204,
      handler: async ({ viewer, req }) => {
        await sessions.logout(viewer, bearerToken(req.get('authorization')));
      },
    },
    'DELETE /me': {
      rateLimit: passwordTries,
      status: 204,
      handler: async ({ viewer, body }) => {
        await sessions.checkPassword(viewer.id, body.password);
        await deleteAccount(viewer);
      },
    },
  });
}

/** `GET /avatars/<hash>-<size>.webp`: public and immutable (a new avatar has a new name). */
export function avatarFileRoutes(dataDir: string): (app: Express) => void {
  return (app) => {
    app.get('/avatars/:name', (req, res, next) => {
      const file = avatarFile(dataDir, String(req.params.name ?? ''));
      if (!file) {
        next(notFound('avatar'));
        return;
      }
      res.sendFile(file, { maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err) => {
        if (err && !res.headersSent) next(notFound('avatar'));
      });
    });
  };
}
