/**
 * Makes a user's space with the defaults if it is missing. Registration calls it (before the spaces
 * service exists: that service needs accounts, which needs this), and so does every read of a space
 * that has none yet.
 */
import { Types, type Connection } from 'mongoose';
import { defaultModules, defaultTheme } from '../../../shared/space-defaults.js';
import { spaceModel, type SpaceRecord } from './space-model.js';

export type EnsureSpace = (owner: { readonly id: string }) => Promise<SpaceRecord>;

export function createEnsureSpace(conn: Connection): EnsureSpace {
  const spaces = spaceModel(conn);
  return async (owner) => {
    const space = await spaces
      .findOneAndUpdate(
        { owner: new Types.ObjectId(owner.id) },
        {
          $setOnInsert: {
            title: null, // no title of the owner's own: the default follows their name and language
            theme: defaultTheme,
            modules: defaultModules,
            music: null,
            certified: false,
            stats: { visits: 0 },
            createdAt: new Date(),
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<SpaceRecord>();
    if (!space) throw new Error('space upsert returned nothing');
    return space;
  };
}
