import type { PhotoDto } from '../../../shared/dto.js';

/** How posts refer to photos (implemented by the albums service). */
export interface PhotoRefs {
  /** The photos with `ids`, in that order, if all belong to `ownerId`; `invalid` otherwise. */
  resolveOwn(ownerId: string, ids: readonly string[]): Promise<PhotoDto[]>;
  /** Photos by id (for hydrating posts), unknown ids left out. */
  byIds(ids: readonly string[]): Promise<Map<string, PhotoDto>>;
}
