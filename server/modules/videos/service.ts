/**
 * Videos (v1.2): an upload is probed and given a poster (video-probe.ts) while holding a turn in the
 * same fair per-user queue as photo processing (albums/image-work.ts), counted against the same
 * storage quota as photos, and stored as `DATA_DIR/videos/<2 hex>/<id>.<mp4|webm>` with
 * `<id>.poster.webp`. A post claims a video once (`post` set from null); deleting the post, the
 * video or the account removes the files and gives the bytes back. An upload no post has claimed
 * within `VIDEO_ORPHAN_MS` (a composer closed without posting) is swept the same way, by whichever
 * node looks first. URLs are always signed (the same capability signing as photos): only those shown
 * the post get them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Types, type Connection } from 'mongoose';
import type { Tier, VideoDto } from '../../../shared/dto.js';
import type { Config } from '../../config.js';
import { conflict, invalid, notFound, unsupportedMedia } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AccountService } from '../accounts/service.js';
import type { Viewer } from '../accounts/viewer.js';
import { imageWork, type ImageWork } from '../albums/image-work.js';
import { createStorageAccounts } from '../albums/storage-accounts.js';
import type { UrlSigner } from '../albums/url-signer.js';
import { recordOf } from '../../db/record-of.js';
import { createMediaTools, type MediaTools } from './media-tools.js';
import { videoModel, type StoredVideo } from './model.js';
import { cutPoster, probeVideo } from './video-probe.js';

export interface VideoServiceDeps {
  readonly conn: Connection;
  readonly config: Pick<Config, 'dataDir' | 'videoMaxBytes' | 'videoOrphanMs' | 'quotaBytes' | 'ffmpegPath' | 'ffprobePath'>;
  readonly accounts: Pick<AccountService, 'getUser'>;
  readonly logger: Logger;
  readonly signer: UrlSigner;
  /** Where probing waits for a turn (the process-wide image queue by default). */
  readonly work?: ImageWork;
  readonly tools?: MediaTools;
}

/** What posts need from videos. */
export interface VideoRefs {
  /** Marks `ownerId`'s unattached video `videoId` as carried by `postId`; `invalid` if it is not theirs or taken. */
  claim(ownerId: string, videoId: string, postId: string): Promise<void>;
  /** Undoes a claim whose post was never written. */
  unclaim(videoId: string, postId: string): Promise<void>;
  /** Videos by id (for hydrating posts), unknown ids left out. */
  byIds(ids: readonly string[]): Promise<Map<string, VideoDto>>;
  /** Removes the video a deleted post carried, files and bytes. */
  removeForPost(postId: string): Promise<void>;
}

export interface ServableVideo {
  readonly path: string;
  readonly mime: string;
  readonly etag: string;
  readonly maxAge: number;
}

/** Videos the orphan sweep deletes per batch. */
const orphanBatch = 100;
/** How often each node sweeps: a quarter of the grace, within these bounds. */
const sweepEveryMs = (graceMs: number) => Math.min(3600_000, Math.max(250, Math.floor(graceMs / 4)));

const oid = (id: string) => new Types.ObjectId(id);
const isId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

export function createVideoService({ conn, config, accounts, logger, signer, work = imageWork, tools }: VideoServiceDeps) {
  const videos = videoModel(conn);
  const storage = createStorageAccounts(conn);
  const media = tools ?? createMediaTools({ ffmpeg: config.ffmpegPath, ffprobe: config.ffprobePath }, logger);
  const root = path.join(config.dataDir, 'videos');
  const tmpDir = path.join(config.dataDir, 'tmp', 'uploads');
  const dirOf = (id: string) => path.join(root, id.slice(-2));
  const filePath = (id: string, container: string) => path.join(dirOf(id), `${id}.${container}`);
  const posterPath = (id: string) => path.join(dirOf(id), `${id}.poster.webp`);
  // Checked at start-up, so a hub without ffmpeg says so once in its log.
  void media.unavailable();

  function toDto(v: StoredVideo): VideoDto {
    const id = v._id.toHexString();
    const query = signer.query(id);
    return {
      id,
      url: `/videos/${id}?${query}`,
      posterUrl: `/videos/${id}/poster?${query}`,
      durationMs: v.durationMs,
      width: v.width,
      height: v.height,
      bytes: v.bytes,
    };
  }

  /**
   * Deletes `v`'s record, files and bytes — only while the post carrying it is still the one read
   * (so a video a post claims meanwhile is kept); nothing when another node removed it first.
   */
  async function removeVideo(v: StoredVideo): Promise<boolean> {
    const { deletedCount } = await videos.deleteOne({ _id: v._id, post: v.post });
    if (!deletedCount) return false; // claimed meanwhile, or removed (and released) by someone else first
    const id = v._id.toHexString();
    await fs.rm(filePath(id, v.container), { force: true });
    await fs.rm(posterPath(id), { force: true });
    await storage.releaseBytes(v.owner, v.bytes);
    return true;
  }

  /** Deletes the videos no post claimed within the grace (`VIDEO_ORPHAN_MS`); how many went. */
  async function sweepOrphans(): Promise<number> {
    const cutoff = new Date(Date.now() - config.videoOrphanMs);
    let removed = 0;
    for (;;) {
      const batch = await videos
        .find({ post: null, createdAt: { $lte: cutoff } })
        .sort({ createdAt: 1 })
        .limit(orphanBatch)
        .lean<StoredVideo[]>();
      for (const v of batch) if (await removeVideo(v)) removed++;
      if (batch.length < orphanBatch) return removed;
    }
  }

  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepOrphans()
      .then((n) => n && logger.info({ videos: n }, 'videos never posted: deleted'))
      .catch((err: unknown) => logger.warn({ err }, 'videos never posted: the sweep failed'))
      .finally(() => (sweeping = false));
  }, sweepEveryMs(config.videoOrphanMs));
  sweeper.unref();

  /** Why videos are refused on this hub (ffmpeg missing), as a 415 to throw; null when they work. */
  async function refusal(): Promise<Error | null> {
    const why = await media.unavailable();
    return why ? unsupportedMedia(why) : null;
  }

  const refs: VideoRefs = {
    async claim(ownerId, videoId, postId) {
      const taken = await videos.updateOne({ _id: oid(videoId), owner: ownerId, post: null }, { $set: { post: postId } });
      if (!taken.modifiedCount)
        throw invalid('video: must be a video of yours not on another post', { video: 'must be your own video, not already posted' });
    },
    async unclaim(videoId, postId) {
      await videos.updateOne({ _id: oid(videoId), post: postId }, { $set: { post: null } });
    },
    async byIds(ids) {
      const valid = [...new Set(ids)].filter(isId);
      if (!valid.length) return new Map();
      const found = await videos.find({ _id: { $in: valid.map(oid) } }).lean<StoredVideo[]>();
      return new Map(found.map((v) => [v._id.toHexString(), toDto(v)]));
    },
    async removeForPost(postId) {
      const v = await videos.findOne({ post: postId }).lean<StoredVideo>();
      if (v) await removeVideo(v);
    },
  };

  return {
    ...refs,
    uploadTmpDir: tmpDir,
    uploadMaxBytes: config.videoMaxBytes,

    refusal,

    /**
     * Stores the received upload in `file` as the viewer's video: probe and poster in a queue turn,
     * then quota, files (moved, not copied) and the record last; a failure gives back what was taken.
     */
    async addVideo(viewer: Viewer, file: string): Promise<{ video: VideoDto }> {
      const refused = await refusal();
      if (refused) throw refused;
      const { probed, poster } = await work.process(viewer.id, async () => {
        const probed = await probeVideo(media, file);
        return { probed, poster: await cutPoster(media, file, probed) };
      });
      const { size } = await fs.stat(file);
      const bytes = size + poster.length;
      const tier: Tier = (await accounts.getUser(viewer.id))?.tier ?? viewer.tier;
      await storage.reserveBytes(viewer.id, bytes, config.quotaBytes[tier]);
      const id = new Types.ObjectId();
      const hex = id.toHexString();
      try {
        await fs.mkdir(dirOf(hex), { recursive: true });
        await fs.writeFile(posterPath(hex), poster, { flag: 'wx' });
        await fs.rename(file, filePath(hex, probed.container));
        const doc = await videos.create({
          _id: id,
          owner: viewer.id,
          container: probed.container,
          mime: probed.mime,
          bytes,
          durationMs: probed.durationMs,
          width: probed.width,
          height: probed.height,
        });
        return { video: toDto(recordOf<StoredVideo>(doc)) };
      } catch (err) {
        await fs.rm(filePath(hex, probed.container), { force: true });
        await fs.rm(posterPath(hex), { force: true });
        await storage.releaseBytes(viewer.id, bytes).catch((e: unknown) => logger.error({ err: e }, 'quota release failed'));
        throw err;
      }
    },

    /** Deletes one of the viewer's videos that no post carries (a composer's cancelled upload). */
    async deleteVideo(viewer: Viewer, id: string): Promise<void> {
      const v = isId(id) ? await videos.findById(id).lean<StoredVideo>() : null;
      if (!v || v.owner !== viewer.id) throw notFound('video');
      if (v.post) throw conflict('the video is on a post; delete the post instead');
      // A post may have claimed it meanwhile (then it stays); gone already is as good as deleted.
      if (!(await removeVideo(v)) && (await videos.exists({ _id: v._id })))
        throw conflict('the video is on a post; delete the post instead');
    },

    /** Every video of a deleted account. */
    async deleteAllOf(userId: string): Promise<void> {
      for (const v of await videos.find({ owner: userId }).lean<StoredVideo[]>()) await removeVideo(v);
    },

    /** A video file or poster to serve, when the request carries a valid signature for it. */
    async servable(id: string, variant: 'video' | 'poster', sig: unknown, exp: unknown): Promise<ServableVideo> {
      const left = isId(id) ? signer.verify(id, sig, exp) : 0;
      const v = left ? await videos.findById(id).lean<StoredVideo>() : null;
      if (!v) throw notFound('video');
      return {
        path: variant === 'poster' ? posterPath(id) : filePath(id, v.container),
        mime: variant === 'poster' ? 'image/webp' : v.mime,
        etag: `"${id}${variant === 'poster' ? '-p' : ''}"`,
        maxAge: Math.min(left, 3600),
      };
    },

    sweepOrphans,

    /** Stops the orphan sweep and the ffmpeg/ffprobe helper process (the hub is closing). */
    close: () => {
      clearInterval(sweeper);
      return media.close();
    },
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
