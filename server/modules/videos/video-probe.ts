/**
 * What an uploaded video is, decided by its content: the first bytes must be an MP4 (`ftyp` box) or
 * a WebM/Matroska (EBML header) — a zip, a playlist or an image is refused before any tool runs —
 * then ffprobe, forced to that one demuxer, reads the streams: one H.264 video (+ AAC) in MP4, one
 * VP8/VP9/AV1 video (+ Opus/Vorbis) in WebM, at most `maxSide` pixels a side and 5 minutes. The
 * poster is one frame cut by ffmpeg (scaled down inside ffmpeg) and re-encoded by sharp like a photo.
 */
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { tooLarge, unsupportedMedia } from '../../errors.js';
import { ToolError, type MediaTools, type ToolLimits } from './media-tools.js';

export type VideoContainer = 'mp4' | 'webm';

export interface ProbedVideo {
  readonly container: VideoContainer;
  readonly mime: string;
  readonly durationMs: number;
  readonly width: number;
  readonly height: number;
}

export const maxVideoMs = 5 * 60_000;
/** 4K UHD at most, either way round. */
export const maxSide = 3840;
const maxPixels = 3840 * 2160;
export const posterSide = 1280;

/**
 * ffprobe reads headers and decodes a frame or two: a fraction of a CPU second. Wall time is kept
 * generous (a box under load stretches it) while CPU time bounds a file made to keep it busy.
 */
const probeLimits: ToolLimits = { timeoutMs: 10_000, cpuSeconds: 3, memoryBytes: 1024 ** 3, maxOutputBytes: 256 * 1024 };
/** One frame at most 4K, scaled to at most 1280 px, out as PNG. */
const posterLimits: ToolLimits = { timeoutMs: 20_000, cpuSeconds: 6, memoryBytes: 1536 * 1024 ** 2, maxOutputBytes: 16 * 1024 ** 2 };

const codecs: Readonly<Record<VideoContainer, { demuxer: string; mime: string; video: readonly string[]; audio: readonly string[] }>> = {
  mp4: { demuxer: 'mov', mime: 'video/mp4', video: ['h264'], audio: ['aac'] },
  webm: { demuxer: 'matroska', mime: 'video/webm', video: ['vp8', 'vp9', 'av1'], audio: ['opus', 'vorbis'] },
};

const notAVideo = (why = 'the file is not a supported video (MP4 with H.264/AAC, or WebM with VP8/VP9/AV1 and Opus/Vorbis)') =>
  unsupportedMedia(why);

/** The container the first bytes announce, or null. */
export async function sniffContainer(file: string): Promise<VideoContainer | null> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    if (bytesRead < 12) return null;
    if (head.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
    if (head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
    return null;
  } finally {
    await handle.close();
  }
}

interface ProbeStream {
  readonly codec_type?: string;
  readonly codec_name?: string;
  readonly width?: number;
  readonly height?: number;
  readonly duration?: string;
  readonly disposition?: { readonly attached_pic?: number };
}
interface ProbeOutput {
  readonly streams?: readonly ProbeStream[];
  readonly format?: { readonly format_name?: string; readonly duration?: string };
}

function toolRefusal(err: unknown, what: string): Error {
  if (err instanceof ToolError) {
    if (err.failure === 'missing') return unsupportedMedia(`video is not available on this hub: ${err.message}`);
    if (err.failure === 'timeout') return notAVideo(`the video took too long to ${what}`);
    return notAVideo();
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Probes `file`; throws 415 (not an accepted video) or 413 (too long, too many pixels). */
export async function probeVideo(tools: MediaTools, file: string): Promise<ProbedVideo> {
  const container = await sniffContainer(file);
  if (!container) throw notAVideo();
  const kind = codecs[container];
  let out: ProbeOutput;
  try {
    const json = await tools.ffprobe(
      [
        '-f',
        kind.demuxer,
        '-print_format',
        'json',
        '-show_entries',
        'format=format_name,duration:stream=codec_type,codec_name,width,height,duration:stream_disposition=attached_pic',
        `file:${file}`,
      ],
      probeLimits,
    );
    out = JSON.parse(json.toString('utf8')) as ProbeOutput;
  } catch (err) {
    throw toolRefusal(err, 'read');
  }
  const streams = out.streams ?? [];
  const videos = streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audios = streams.filter((s) => s.codec_type === 'audio');
  const video = videos[0];
  if (!video || videos.length > 1 || audios.length > 1)
    throw notAVideo('a video must have one picture stream and at most one sound stream');
  if (!kind.video.includes(video.codec_name ?? '') || (audios[0] && !kind.audio.includes(audios[0].codec_name ?? ''))) throw notAVideo();
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width < 1 || height < 1) throw notAVideo();
  if (width > maxSide || height > maxSide || width * height > maxPixels)
    throw tooLarge(`the video is too large (at most ${maxSide}×2160 pixels)`);
  const seconds = Number(out.format?.duration ?? video.duration);
  if (!Number.isFinite(seconds) || seconds <= 0) throw notAVideo('the video has no duration');
  if (seconds * 1000 > maxVideoMs + 500) throw tooLarge('the video is longer than 5 minutes');
  return { container, mime: kind.mime, durationMs: Math.round(seconds * 1000), width, height };
}

/** A poster frame of a probed video, as WebP: ffmpeg cuts and scales one frame, sharp re-encodes it. */
export async function cutPoster(tools: MediaTools, file: string, video: ProbedVideo): Promise<Buffer> {
  // A second in, or a third of the way for very short clips: the very first frame is often black.
  const at = Math.min(1, video.durationMs / 3000).toFixed(3);
  let png: Buffer;
  try {
    png = await tools.ffmpeg(
      [
        '-f',
        codecs[video.container].demuxer,
        '-ss',
        at,
        '-i',
        `file:${file}`,
        '-frames:v',
        '1',
        '-an',
        '-vf',
        `scale='min(${posterSide},iw)':'min(${posterSide},ih)':force_original_aspect_ratio=decrease`,
        '-f',
        'image2pipe',
        '-c:v',
        'png',
        '-',
      ],
      posterLimits,
    );
  } catch (err) {
    throw toolRefusal(err, 'decode');
  }
  if (!png.length) throw notAVideo('no picture could be decoded from the video');
  try {
    return await sharp(png, { limitInputPixels: posterSide * posterSide })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    throw notAVideo('no picture could be decoded from the video');
  }
}
