/**
 * Profile edits: display name, bio and avatar. The avatar is one of the caller's own photos, cut
 * to a centred square by sharp in two sizes and served publicly at `/avatars/<hash>-<size>.webp`
 * (named by the source photo's content hash, so the same photo twice costs nothing).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import sharp from 'sharp';
import { imageWork } from '../albums/image-work.js';
import type { MeDto } from '../../../shared/dto.js';
import type { ProfileBody } from '../../../shared/schemas/profile.js';
import { forbidden, invalid } from '../../errors.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { photoModel } from '../albums/model.js';
import { createPhotoFiles } from '../albums/photo-files.js';
import { processImage } from '../albums/image-processing.js';
import { userModel } from './model.js';
import { avatarFileName, avatarSizes } from './profile-view.js';
import { writeSearchKeys } from './search-key-model.js';
import type { AccountService } from './service.js';
import { screenFields } from '../moderation/field-screen.js';
import type { TextScreen } from '../moderation/screening.js';
import type { Viewer } from './viewer.js';

export interface ProfileDeps {
  readonly conn: Connection;
  readonly dataDir: string;
  readonly accounts: Pick<AccountService, 'me' | 'getUser'>;
  /** Tells every node the user changed (their caches hold the old name for up to 5 s otherwise). */
  readonly announce: (userId: string) => void;
  /** Pushes the new profile to the user's own sockets and their friends' (`user:updated`). */
  readonly pusher?: Pick<Pusher, 'toEach'>;
  /** Keyword screening of the display name and bio. */
  readonly screen?: TextScreen;
}

export const avatarDir = (dataDir: string) => path.join(dataDir, 'avatars');

export function createProfiles({ conn, dataDir, accounts, announce, pusher, screen }: ProfileDeps) {
  const users = userModel(conn);
  const photos = photoModel(conn);
  const files = createPhotoFiles(dataDir);
  const dir = avatarDir(dataDir);

  /** Writes both renditions of a photo (once per content hash); returns the key naming them. */
  async function renderAvatar(ownerId: string, photoId: string): Promise<string> {
    const photo = await photos
      .findOne({ _id: new Types.ObjectId(photoId), owner: ownerId }, { hash: 1, ext: 1 })
      .lean<{ hash: string; ext: string }>();
    if (!photo) throw invalid('avatar: must be one of your photos', { avatar: 'must be one of your photos' });
    return renderRenditions(ownerId, photo.hash.slice(0, 40), files.imagePath(photo.hash, photo.ext));
  }

  /** The square renditions of `source` under `key`, each written once (an existing file is kept). */
  async function renderRenditions(ownerId: string, key: string, source: string | Buffer): Promise<string> {
    await fs.mkdir(dir, { recursive: true });
    for (const size of Object.keys(avatarSizes) as Array<keyof typeof avatarSizes>) {
      const target = path.join(dir, avatarFileName(key, size));
      if (
        await fs.stat(target).then(
          () => true,
          () => false,
        )
      )
        continue;
      // A turn in the photo processing queue (one job at a time, taking turns between users).
      const image = await imageWork.process(ownerId, () =>
        sharp(source)
          .rotate()
          .resize(avatarSizes[size], avatarSizes[size], { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer(),
      );
      const temp = path.join(dir, `.${randomBytes(8).toString('hex')}.part`);
      await fs.writeFile(temp, image);
      await fs.rename(temp, target);
    }
    return key;
  }

  /** Tells every node and every open page that the user changed; answers with the user as they are now. */
  async function changed(viewer: Viewer): Promise<{ user: MeDto }> {
    announce(viewer.id);
    // Friends' open pages show the new name and avatar without a reload; so do the user's other tabs.
    const user = await accounts.getUser(viewer.id);
    if (user) pusher?.toEach([rooms.user(viewer.id), rooms.audience(viewer.id)], 'user:updated', { user });
    return accounts.me(viewer);
  }

  return {
    /** `PATCH /api/me`. */
    async update(viewer: Viewer, body: ProfileBody): Promise<{ user: MeDto }> {
      screenFields(screen, { displayName: body.displayName, bio: body.bio });
      if (body.hiddenVisits === true && viewer.tier !== 'yellow') throw forbidden('hidden visits are a yellow-tier privilege');
      const set: Record<string, unknown> = {};
      if (body.displayName !== undefined) {
        set.displayName = body.displayName;
      }
      if (body.bio !== undefined) set.bio = body.bio;
      if (body.locale !== undefined) set.locale = body.locale;
      if (body.hiddenVisits !== undefined) set.hiddenVisits = body.hiddenVisits;
      if (body.avatar !== undefined) set.avatarKey = body.avatar === null ? null : await renderAvatar(viewer.id, body.avatar);
      await users.updateOne({ _id: new Types.ObjectId(viewer.id) }, { $set: set });
      if (body.displayName !== undefined) await writeSearchKeys(conn, new Types.ObjectId(viewer.id), viewer.handle, body.displayName);
      return changed(viewer);
    },

    /**
     * `POST /api/me/avatar`: an image uploaded straight from settings (no album needed). Checked and
     * decoded by the photo pipeline (formats, pixel caps, the processing queue), then cut square like
     * any avatar; named by its content hash. The client sends it already cropped square.
     */
    async setAvatarFromUpload(viewer: Viewer, file: string): Promise<{ user: MeDto }> {
      const image = await processImage(file, { tier: viewer.tier, userId: viewer.id });
      const key = createHash('sha256').update(image.data).digest('hex').slice(0, 40);
      await renderRenditions(viewer.id, key, image.data);
      await users.updateOne({ _id: new Types.ObjectId(viewer.id) }, { $set: { avatarKey: key } });
      return changed(viewer);
    },
  };
}

export type Profiles = ReturnType<typeof createProfiles>;

/** The file to serve for `/avatars/:name`, or null for any name that is not a rendition's. */
export function avatarFile(dataDir: string, name: string): string | null {
  return /^[0-9a-f]{16,64}-(64|256)\.webp$/.test(name) ? path.join(avatarDir(dataDir), name) : null;
}
