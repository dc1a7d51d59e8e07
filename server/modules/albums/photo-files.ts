/**
 * Photo files on disk, named by the sha256 of their content: `DATA_DIR/photos/<2 hex>/<sha256>.<ext>`
 * and its thumbnail `<sha256>.thumb.webp`. Identical uploads share one file; a file is removed only
 * when no photo record uses its hash any more. Writes go to a temporary file first and are renamed
 * into place, so a reader never sees half a file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PhotoFiles {
  readonly root: string;
  /** Where uploads are received before they are checked. */
  readonly tmpDir: string;
  imagePath(hash: string, ext: string): string;
  thumbPath(hash: string): string;
  /** Writes both files atomically (a rename over an identical existing file is harmless). */
  place(hash: string, ext: string, image: Buffer, thumb: Buffer): Promise<void>;
  remove(hash: string, ext: string): Promise<void>;
  /**
   * Runs `fn` alone for `hash` on this node, so "is this file still used?" and "write a record
   * using it" cannot interleave. (Across nodes a tiny window remains; see the albums report.)
   */
  withHashLock<T>(hash: string, fn: () => Promise<T>): Promise<T>;
}

export function createPhotoFiles(dataDir: string): PhotoFiles {
  const root = path.join(dataDir, 'photos');
  const tmpDir = path.join(dataDir, 'tmp', 'uploads');
  const locks = new Map<string, Promise<unknown>>();
  const dirOf = (hash: string) => path.join(root, hash.slice(0, 2));
  const imagePath = (hash: string, ext: string) => path.join(dirOf(hash), `${hash}.${ext}`);
  const thumbPath = (hash: string) => path.join(dirOf(hash), `${hash}.thumb.webp`);

  async function writeAtomically(target: string, data: Buffer): Promise<void> {
    const temp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    await fs.writeFile(temp, data, { flag: 'wx' });
    try {
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }

  return {
    root,
    tmpDir,
    imagePath,
    thumbPath,
    async place(hash, ext, image, thumb) {
      await fs.mkdir(dirOf(hash), { recursive: true });
      await fs.mkdir(tmpDir, { recursive: true });
      await writeAtomically(thumbPath(hash), thumb);
      await writeAtomically(imagePath(hash, ext), image);
    },
    async remove(hash, ext) {
      await fs.rm(imagePath(hash, ext), { force: true });
      await fs.rm(thumbPath(hash), { force: true });
    },
    async withHashLock(hash, fn) {
      const previous = locks.get(hash) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const settled = run.catch(() => undefined);
      locks.set(hash, settled);
      void settled.then(() => {
        if (locks.get(hash) === settled) locks.delete(hash);
      });
      return run;
    },
  };
}
