/**
 * Albums and photos: creation within limits, privacy on every read, uploads that are decoded,
 * cleaned and stored by content hash, the per-tier storage quota, and photo references for posts.
 */
import { createHash } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { AlbumDto, PhotoDto, QuotaDto, Tier, UserDto } from '../../../shared/dto.js';
import type { AlbumBody, AlbumMusicBody, PhotoPageQuery } from '../../../shared/schemas/albums.js';
import { urlAsRead } from '../moderation/as-read.js';
import type { Config } from '../../config.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import { mayView, type FriendRelations } from '../friends/relations.js';
import { visibleWhere } from '../friends/visibility.js';
import { createGroupMembership } from '../groups/membership.js';
import type { GroupAudiences } from '../groups/audience.js';
import type { AuditLog } from '../moderation/audit.js';
import { processImage } from './image-processing.js';
import { albumModel, photoModel, type StoredAlbum, type StoredPhoto } from './model.js';
import { createPhotoFiles } from './photo-files.js';
import type { PhotoRefs } from './photo-refs.js';
import { createStorageAccounts } from './storage-accounts.js';
import { screenFields } from '../moderation/field-screen.js';
import type { TextScreen } from '../moderation/screening.js';
import type { UrlSigner } from './url-signer.js';
import { createAlbumCardPush } from './album-card-push.js';
import type { Pusher } from '../../realtime/pusher.js';
import { rooms } from '../../realtime/rooms.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { recordOf } from '../../db/record-of.js';

export interface AlbumServiceDeps {
  readonly conn: Connection;
  readonly config: Pick<Config, 'dataDir' | 'uploadMaxBytes' | 'quotaBytes' | 'albumLimit' | 'photosPerAlbum'>;
  readonly accounts: AccountService;
  readonly friends: FriendRelations;
  readonly logger: Logger;
  readonly signer: UrlSigner;
  /** Where moderator actions (tier changes) are recorded. */
  readonly audit: AuditLog;
  /** Keyword screening of album titles and photo captions. */
  readonly screen?: TextScreen;
  /** Live album pages: new, re-captioned and deleted photos go to sockets with the album open. */
  readonly pusher?: Pick<Pusher, 'toRooms' | 'toEach' | 'toRoomsExcept'>;
  /** v1.2: turns a new album's `groups` / `except` into what is stored. */
  readonly groups?: Pick<GroupAudiences, 'resolveAudience'>;
}

/** What the photo file routes need to answer one request. */
export interface ServablePhoto {
  readonly path: string;
  readonly mime: string;
  readonly etag: string;
  readonly isPublic: boolean;
}

const oid = (id: string) => new Types.ObjectId(id);

/** The shuoshuo album's stored title; clients show it in their own language by its `purpose`. */
export const shuoshuoAlbumTitle = 'Shuoshuo photos';

export function createAlbumService({ conn, config, accounts, friends, logger, signer, audit, screen, pusher, groups }: AlbumServiceDeps) {
  const albums = albumModel(conn);
  const photos = photoModel(conn);
  const files = createPhotoFiles(config.dataDir);
  const storage = createStorageAccounts(conn);
  const quotaOf = (tier: Tier) => config.quotaBytes[tier];
  const membership = createGroupMembership(conn);
  const cards = createAlbumCardPush(pusher, async (ownerId, groupIds) => {
    const mine = await membership.ownerGroups(ownerId);
    return groupIds
      .map((g) => g.toHexString())
      .filter((g) => mine.has(g))
      .map((g) => rooms.group(ownerId, g));
  });

  /** Pushes the album's card as it is now to those who may see it (after a photo came or went). */
  async function announceCard(albumId: string): Promise<void> {
    const album = await findAlbum(albumId);
    const owner = album ? await accounts.getUser(album.owner) : null;
    if (album && owner) await cards.changed(albumDto(album, owner), album);
  }

  function photoDto(p: StoredPhoto, albumIsPublic: boolean): PhotoDto {
    const id = p._id.toHexString();
    const query = albumIsPublic ? '' : `?${signer.query(id)}`;
    return {
      id,
      url: `/photos/${id}${query}`,
      thumbUrl: `/photos/${id}/thumb${query}`,
      bytes: p.bytes,
      width: p.width,
      height: p.height,
      caption: p.caption ?? '',
    };
  }

  function albumDto(a: StoredAlbum, owner: UserDto): AlbumDto {
    const cover = a.coverPhotoId;
    const query = a.privacy === 'public' || !cover ? '' : `?${signer.query(cover)}`;
    return {
      id: a._id.toHexString(),
      owner,
      title: a.title,
      privacy: a.privacy,
      photoCount: a.photoCount,
      coverThumbUrl: cover ? `/photos/${cover}/thumb${query}` : null,
      createdAt: a.createdAt.toISOString(),
      purpose: a.purpose ?? null,
      music: a.music ? { title: a.music.title, url: a.music.url } : null,
    };
  }

  async function findAlbum(id: string): Promise<StoredAlbum | null> {
    return Types.ObjectId.isValid(id) ? albums.findById(id).lean<StoredAlbum>() : null;
  }

  /** The album if `viewer` may see it; `not_found` otherwise (existence does not leak). */
  async function visibleAlbum(viewer: Pick<Viewer, 'id'> | null, id: string): Promise<StoredAlbum> {
    const album = await findAlbum(id);
    if (!album) throw notFound('album');
    const viewerId = viewer?.id ?? null;
    const relation = await friends.relation(viewerId, album.owner);
    if (!(await mayView(friends, relation, viewerId, album.owner, album))) throw notFound('album');
    return album;
  }

  async function ownAlbum(viewer: Viewer, id: string): Promise<StoredAlbum> {
    const album = await findAlbum(id);
    if (!album || album.owner !== viewer.id) throw notFound('album');
    return album;
  }

  /** Removes a photo record and gives back what it held: bytes, album slot, cover, and its file if unused. */
  async function removePhoto(p: StoredPhoto): Promise<void> {
    const { deletedCount } = await photos.deleteOne({ _id: p._id });
    if (!deletedCount) return; // someone else removed it (and released it) first
    await storage.releaseBytes(p.owner, p.bytes);
    await albums.updateOne({ _id: oid(p.album), photoCount: { $gt: 0 } }, { $inc: { photoCount: -1 } });
    const id = p._id.toHexString();
    const next = await photos.findOne({ album: p.album }, { _id: 1 }).sort({ _id: -1 }).lean<{ _id: Types.ObjectId }>();
    await albums.updateOne({ _id: oid(p.album), coverPhotoId: id }, { $set: { coverPhotoId: next?._id.toHexString() ?? null } });
    await files.withHashLock(p.hash, async () => {
      if (!(await photos.exists({ hash: p.hash }))) await files.remove(p.hash, p.ext);
    });
    pusher?.toRooms(rooms.album(p.owner, p.album), 'album:photo:remove', { albumId: p.album, photoId: id });
  }

  async function publicAlbumIds(albumIds: readonly string[]): Promise<Set<string>> {
    const found = await albums
      .find({ _id: { $in: [...new Set(albumIds)].map(oid) }, privacy: 'public' }, { _id: 1 })
      .lean<Array<{ _id: Types.ObjectId }>>();
    return new Set(found.map((a) => a._id.toHexString()));
  }

  async function dtosFor(found: readonly StoredPhoto[]): Promise<Map<string, PhotoDto>> {
    const open = await publicAlbumIds(found.map((p) => p.album));
    return new Map(found.map((p) => [p._id.toHexString(), photoDto(p, open.has(p.album))]));
  }

  const refs: PhotoRefs = {
    async resolveOwn(ownerId, ids) {
      if (ids.length > 9) throw invalid('images: at most 9', { images: 'at most 9 images' });
      if (!ids.every((id) => Types.ObjectId.isValid(id))) throw invalid('images: must be photo ids', { images: 'must be photo ids' });
      const found = await photos.find({ _id: { $in: ids.map(oid) }, owner: ownerId }).lean<StoredPhoto[]>();
      const dtos = await dtosFor(found);
      const ordered = ids.map((id) => dtos.get(id));
      if (ordered.some((d) => !d)) throw invalid('images: must be your own photos', { images: 'must be your own photos' });
      return ordered as PhotoDto[];
    },
    async byIds(ids) {
      const valid = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
      if (!valid.length) return new Map();
      return dtosFor(await photos.find({ _id: { $in: valid.map(oid) } }).lean<StoredPhoto[]>());
    },
  };

  return {
    ...refs,

    /** The room of an album the viewer may see (`not_found` otherwise), for `album:watch`. */
    async albumRoom(viewer: Viewer, id: string): Promise<string> {
      const album = await visibleAlbum(viewer, id);
      return rooms.album(album.owner, album._id.toHexString());
    },

    /** The album, if the viewer owns it; `not_found` otherwise. */
    getOwnAlbum: ownAlbum,

    /** Whether user `userId` may see album `id` now (a room check after a friend group changed). */
    async mayView(userId: string, id: string): Promise<boolean> {
      return visibleAlbum({ id: userId }, id).then(
        () => true,
        () => false,
      );
    },

    /** Where uploads are received before being checked (the upload route writes there). */
    uploadTmpDir: files.tmpDir,
    uploadMaxBytes: config.uploadMaxBytes,

    /** Creates an album (at most `albumLimit` per user). */
    async createAlbum(viewer: Viewer, input: AlbumBody): Promise<{ album: AlbumDto }> {
      screenFields(screen, { title: input.title });
      const audience = groups ? await groups.resolveAudience(viewer, input) : {};
      await storage.reserveAlbum(viewer.id, config.albumLimit);
      try {
        const doc = await albums.create({ owner: viewer.id, title: input.title, privacy: input.privacy, ...audience });
        const owner = await accounts.getUser(viewer.id);
        if (!owner) throw notFound('user');
        const record = recordOf<StoredAlbum>(doc);
        const album = albumDto(record, owner);
        await cards.changed(album, record);
        return { album };
      } catch (err) {
        await storage.releaseAlbum(viewer.id);
        throw err;
      }
    },

    /** The albums of `handle`'s space that the viewer may see, newest first. */
    async listAlbums(viewer: Viewer | null, handle: string): Promise<{ albums: AlbumDto[] }> {
      const owner = await accounts.requireByHandle(handle);
      const relation = await friends.relation(viewer?.id ?? null, owner.id);
      const circle = relation === 'friend' && viewer ? await friends.circle(viewer.id, owner.id) : null;
      const memberOf = circle ? [...circle.groupIds].map(oid) : [];
      const where = visibleWhere(relation, viewer ? oid(viewer.id) : null, memberOf);
      const found = await albums
        .find(where.length ? { owner: owner.id, $or: where } : { _id: null })
        .sort({ createdAt: -1, _id: -1 })
        .lean<StoredAlbum[]>();
      return { albums: found.map((a) => albumDto(a, owner)) };
    },

    /** One album, if the viewer may see it. */
    async getAlbum(viewer: Viewer | null, id: string): Promise<{ album: AlbumDto }> {
      const album = await visibleAlbum(viewer, id);
      const owner = await accounts.getUser(album.owner);
      if (!owner) throw notFound('album');
      return { album: albumDto(album, owner) };
    },

    /** Deletes an album and its photos (owner only), giving their bytes back. */
    async deleteAlbum(viewer: Viewer, id: string): Promise<void> {
      const album = await ownAlbum(viewer, id);
      for (;;) {
        const batch = await photos.find({ album: id }).limit(200).lean<StoredPhoto[]>();
        if (!batch.length) break;
        for (const p of batch) await removePhoto(p);
      }
      const { deletedCount } = await albums.deleteOne({ _id: album._id });
      if (deletedCount) {
        await storage.releaseAlbum(viewer.id);
        cards.removed(viewer.id, id, album);
      }
    },

    /** The photos of an album the viewer may see, in upload order. */
    async listPhotos(viewer: Viewer | null, id: string, page: PhotoPageQuery): Promise<{ photos: PhotoDto[]; next: string | null }> {
      const album = await visibleAlbum(viewer, id);
      const filter = page.after ? { album: id, _id: { $gt: oid(page.after) } } : { album: id };
      const found = await photos
        .find(filter)
        .sort({ _id: 1 })
        .limit(page.limit + 1)
        .lean<StoredPhoto[]>();
      const more = found.length > page.limit;
      const shown = more ? found.slice(0, page.limit) : found;
      return {
        photos: shown.map((p) => photoDto(p, album.privacy === 'public')),
        next: more ? shown[shown.length - 1]!._id.toHexString() : null,
      };
    },

    /**
     * Adds the image in `file` (already received, at most `uploadMaxBytes`) to an album the viewer
     * owns. Order: check the album, decode and clean the image, reserve quota bytes and an album
     * slot, write the file, then the record last; anything failing gives back what was reserved.
     */
    async addPhoto(viewer: Viewer, albumId: string, file: string): Promise<{ photo: PhotoDto }> {
      const album = await ownAlbum(viewer, albumId);
      const user = await accounts.getUser(viewer.id);
      // The tier decides how many pixels an upload may decode to.
      const image = await processImage(file, { tier: user?.tier ?? viewer.tier, userId: viewer.id });
      const hash = createHash('sha256').update(image.data).digest('hex');
      const bytes = image.data.length;
      await storage.reserveBytes(viewer.id, bytes, quotaOf(user?.tier ?? viewer.tier));
      let slotTaken = false;
      let recordRemoved = false; // removePhoto gave everything back already
      try {
        const slot = await albums.findOneAndUpdate(
          { _id: album._id, owner: viewer.id, photoCount: { $lt: config.photosPerAlbum } },
          { $inc: { photoCount: 1 } },
          { returnDocument: 'after', projection: { _id: 1 } },
        );
        if (!slot) {
          if (await albums.exists({ _id: album._id })) throw conflict(`an album holds at most ${config.photosPerAlbum} photos`);
          throw notFound('album');
        }
        slotTaken = true;
        const record = await files.withHashLock(hash, async () => {
          try {
            await files.place(hash, image.ext, image.data, image.thumb);
            const doc = await photos.create({
              album: albumId,
              owner: viewer.id,
              hash,
              ext: image.ext,
              mime: image.mime,
              bytes,
              width: image.width,
              height: image.height,
            });
            return recordOf<StoredPhoto>(doc);
          } catch (err) {
            if (!(await photos.exists({ hash }))) await files.remove(hash, image.ext);
            throw err;
          }
        });
        // The album may have been deleted while this upload ran: then this photo goes too.
        if (!(await albums.exists({ _id: album._id }))) {
          await removePhoto(record);
          recordRemoved = true;
          throw notFound('album');
        }
        await albums.updateOne({ _id: album._id, coverPhotoId: null }, { $set: { coverPhotoId: record._id.toHexString() } });
        const photo = photoDto(record, album.privacy === 'public');
        pusher?.toRooms(rooms.album(viewer.id, albumId), 'album:photo', { albumId, photo });
        await announceCard(albumId);
        return { photo };
      } catch (err) {
        if (!recordRemoved) {
          if (slotTaken)
            await albums.updateOne({ _id: album._id, photoCount: { $gt: 0 } }, { $inc: { photoCount: -1 } }).catch(() => undefined);
          await storage.releaseBytes(viewer.id, bytes).catch((e: unknown) => logger.error({ err: e }, 'quota release failed'));
        }
        throw err;
      }
    },

    /**
     * The viewer's shuoshuo album (photos attached to shuoshuo go there), created on first use as
     * friends-only. One per user by a unique index: a racing second creation finds the first.
     */
    async shuoshuoAlbum(viewer: Viewer): Promise<{ album: AlbumDto }> {
      const owner = await accounts.getUser(viewer.id);
      if (!owner) throw notFound('user');
      const existing = await albums.findOne({ owner: viewer.id, purpose: 'shuoshuo' }).lean<StoredAlbum>();
      if (existing) return { album: albumDto(existing, owner) };
      await storage.reserveAlbum(viewer.id, config.albumLimit);
      try {
        const doc = await albums.create({ owner: viewer.id, title: shuoshuoAlbumTitle, privacy: 'friends', purpose: 'shuoshuo' });
        return { album: albumDto(recordOf<StoredAlbum>(doc), owner) };
      } catch (err) {
        await storage.releaseAlbum(viewer.id);
        if (!isDuplicateKey(err)) throw err;
        const winner = await albums.findOne({ owner: viewer.id, purpose: 'shuoshuo' }).lean<StoredAlbum>();
        if (!winner) throw err;
        return { album: albumDto(winner, owner) };
      }
    },

    /** Sets or removes the album's background music (owner only); screened like the space's music. */
    async setMusic(viewer: Viewer, id: string, { music }: AlbumMusicBody): Promise<{ album: AlbumDto }> {
      screenFields(screen, { 'music.title': music?.title, 'music.url': urlAsRead(music?.url) });
      await ownAlbum(viewer, id);
      const album = await albums
        .findOneAndUpdate({ _id: oid(id), owner: viewer.id }, { $set: { music } }, { returnDocument: 'after' })
        .lean<StoredAlbum>();
      const owner = await accounts.getUser(viewer.id);
      if (!album || !owner) throw notFound('album');
      const dto = albumDto(album, owner);
      await cards.changed(dto, album);
      return { album: dto };
    },

    /** Sets or clears a photo's caption (owner only). */
    async setCaption(viewer: Viewer, id: string, caption: string): Promise<{ photo: PhotoDto }> {
      screenFields(screen, { caption });
      const p = await photos
        .findOneAndUpdate({ _id: oid(id), owner: viewer.id }, { $set: { caption } }, { returnDocument: 'after' })
        .lean<StoredPhoto>();
      if (!p) throw notFound('photo');
      const album = await albums.findById(p.album, { privacy: 1 }).lean<{ privacy: string }>();
      const photo = photoDto(p, album?.privacy === 'public');
      pusher?.toRooms(rooms.album(viewer.id, p.album), 'album:photo', { albumId: p.album, photo });
      return { photo };
    },

    /** Deletes one photo (owner only), giving its bytes back. */
    async deletePhoto(viewer: Viewer, id: string): Promise<void> {
      const p = Types.ObjectId.isValid(id) ? await photos.findById(id).lean<StoredPhoto>() : null;
      if (!p || p.owner !== viewer.id) throw notFound('photo');
      await removePhoto(p);
      await announceCard(p.album);
    },

    /** The viewer's storage use against their tier's quota. */
    async quota(viewer: Viewer): Promise<QuotaDto> {
      const user = await accounts.getUser(viewer.id);
      const tier = user?.tier ?? viewer.tier;
      return { used: await storage.used(viewer.id), quota: quotaOf(tier), tier, uploadMaxBytes: config.uploadMaxBytes };
    },

    /** Moderators change a user's tier (and so their quota). */
    async setTier(viewer: Viewer, handle: string, tier: Tier): Promise<{ user: UserDto }> {
      const user = await accounts.requireByHandle(handle);
      await accounts.setTier(user.id, tier);
      await audit.record(viewer, 'user.tier', { type: 'user', id: user.id }, `${user.tier} → ${tier}`);
      return { user: { ...user, tier } };
    },

    /** A photo file to serve, if the request may see it: public albums openly, others with a valid signature. */
    async servable(id: string, variant: 'full' | 'thumb', sig: unknown, exp: unknown): Promise<ServablePhoto & { maxAge: number }> {
      const p = Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? await photos.findById(id).lean<StoredPhoto>() : null;
      if (!p) throw notFound('photo');
      const album = await albums.findById(p.album, { privacy: 1 }).lean<{ privacy: string }>();
      if (!album) throw notFound('photo');
      const isPublic = album.privacy === 'public';
      const left = isPublic ? Infinity : signer.verify(id, sig, exp);
      if (!left) throw notFound('photo');
      const path = variant === 'thumb' ? files.thumbPath(p.hash) : files.imagePath(p.hash, p.ext);
      return {
        path,
        mime: variant === 'thumb' ? 'image/webp' : p.mime,
        etag: `"${p.hash.slice(0, 32)}${variant === 'thumb' ? '-t' : ''}"`,
        isPublic,
        maxAge: Math.min(left, 3600),
      };
    },
  };
}

export type AlbumService = ReturnType<typeof createAlbumService>;
