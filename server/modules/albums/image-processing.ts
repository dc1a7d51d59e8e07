/**
 * What an uploaded file becomes: decoded by sharp (so the content decides, not the name or the
 * declared type), refused if it is not one of the accepted formats or decodes to too many pixels
 * (a decompression bomb), turned upright by its EXIF orientation, re-encoded without any metadata
 * (EXIF, GPS, XMP, ICC comments), and given a small WebP thumbnail.
 */
import sharp, { type Metadata } from 'sharp';
import { tooLarge, unsupportedMedia } from '../../errors.js';

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export interface ProcessedImage {
  readonly format: PhotoFormat;
  readonly mime: string;
  readonly ext: string;
  readonly data: Buffer;
  readonly thumb: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Decoded pixels beyond this are refused (413): a 40 kB PNG can otherwise decode to gigabytes. */
export const maxInputPixels = 50_000_000;
export const thumbWidth = 320;

const formats: Readonly<Record<PhotoFormat, { mime: string; ext: string }>> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  avif: { mime: 'image/avif', ext: 'avif' },
};

function formatOf(meta: Metadata): PhotoFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format;
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : null; // HEIC (HEVC) is not decodable everywhere
    default:
      return null;
  }
}

const notAnImage = () => unsupportedMedia('the file is not a supported image (jpeg, png, webp, gif or avif)');
const tooManyPixels = () => tooLarge(`the image is too large (at most ${maxInputPixels / 1_000_000} megapixels)`);

function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /pixel limit/i.test(err.message);
}

/** Decodes, checks and re-encodes the image in `file`; throws 415 or 413 `AppError`s for bad input. */
export async function processImage(file: string): Promise<ProcessedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: maxInputPixels }).metadata();
  } catch (err) {
    throw isPixelLimitError(err) ? tooManyPixels() : notAnImage();
  }
  const format = formatOf(meta);
  if (!format || !meta.width || !meta.height) throw notAnImage();
  const pages = meta.pages ?? 1;
  // Checked from the header before decoding anything; sharp's own limit is the second line of defence.
  if (meta.width * meta.height * pages > maxInputPixels) throw tooManyPixels();

  const animated = pages > 1 && (format === 'gif' || format === 'webp');
  try {
    let pipeline = sharp(file, { limitInputPixels: maxInputPixels, animated });
    if (!animated) pipeline = pipeline.rotate(); // EXIF orientation applied, then the tag is dropped with the rest
    switch (format) {
      case 'jpeg':
        pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
        break;
      case 'png':
        pipeline = pipeline.png();
        break;
      case 'webp':
        pipeline = pipeline.webp({ quality: 85 });
        break;
      case 'gif':
        pipeline = pipeline.gif();
        break;
      case 'avif':
        pipeline = pipeline.avif({ quality: 55, effort: 2 });
        break;
    }
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(data, { limitInputPixels: maxInputPixels })
      .resize({ width: thumbWidth, withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      format,
      ...formats[format],
      data,
      thumb,
      width: info.width,
      height: info.pageHeight ?? info.height,
    };
  } catch (err) {
    throw isPixelLimitError(err) ? tooManyPixels() : notAnImage();
  }
}
