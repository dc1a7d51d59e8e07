/**
 * How many frames an animated GIF or WebP holds, counted by walking its blocks in JavaScript and
 * stopping once past a limit. sharp's own header read visits every frame on libuv's thread pool:
 * an 18 MB GIF of 800,000 one-pixel frames took ~1.7 s there just to be measured, and ~10 s more
 * to re-encode, while passing the pixel cap (800,000 pixels in all). So frames are capped first,
 * before sharp sees the file.
 */
import fs from 'node:fs/promises';

/** The frames of the image in `file`, counting at most to `stopAfter + 1`; 1 for other formats. */
export async function countFrames(file: string, stopAfter: number): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    const isGif = head.toString('latin1', 0, 6) === 'GIF87a' || head.toString('latin1', 0, 6) === 'GIF89a';
    const isWebp = head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP';
    if (!isGif && !isWebp) return 1;
    // Uploads are at most UPLOAD_MAX_BYTES; one read, then a walk that touches only block headers.
    const data = await handle.readFile();
    return isGif ? gifFrames(data, stopAfter) : webpFrames(data, stopAfter);
  } finally {
    await handle.close();
  }
}

/** Image descriptors in a GIF (its frames), walking extension and image blocks by their sizes. */
export function gifFrames(data: Buffer, stopAfter: number): number {
  const colourTable = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  /** Skips a chain of data sub-blocks (a size byte, that many bytes, … up to a 0). */
  const skipSubBlocks = (at: number): number => {
    let pos = at;
    while (pos < data.length) {
      const size = data[pos]!;
      pos += 1 + size;
      if (size === 0) break;
    }
    return pos;
  };
  let frames = 0;
  let pos = 13 + colourTable(data[10] ?? 0); // header (6) + logical screen descriptor (7) + global colours
  while (pos < data.length && frames <= stopAfter) {
    const block = data[pos];
    if (block === 0x2c) {
      frames += 1;
      pos += 10 + colourTable(data[pos + 9] ?? 0) + 1; // descriptor, local colours, LZW code size
      pos = skipSubBlocks(pos);
    } else if (block === 0x21) {
      pos = skipSubBlocks(pos + 2); // introducer, label
    } else {
      break; // the trailer, or something sharp will refuse
    }
  }
  return frames;
}

/** `ANMF` chunks (animation frames) in a WebP, else 1. */
export function webpFrames(data: Buffer, stopAfter: number): number {
  let frames = 0;
  let pos = 12;
  while (pos + 8 <= data.length && frames <= stopAfter) {
    const fourcc = data.toString('latin1', pos, pos + 4);
    const size = data.readUInt32LE(pos + 4);
    if (fourcc === 'ANMF') frames += 1;
    pos += 8 + size + (size & 1);
  }
  return Math.max(frames, 1);
}
