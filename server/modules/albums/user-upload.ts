/**
 * One streamed upload as every upload endpoint (photo, video, avatar) takes it: the multipart field
 * `file`, held to the service's byte limit and received into its temporary folder, while the upload
 * holds one of the user's upload places (at most a couple in flight per user, 429 beyond, whatever
 * their rate). Nothing is read until `use` calls `receive`, so it may refuse before reading megabytes.
 */
import type { Request } from 'express';
import { imageWork } from './image-work.js';
import { withUpload } from './multipart.js';

/** Where a service receives its uploads, and how large one may be. */
export interface UploadLimits {
  readonly uploadMaxBytes: number;
  readonly uploadTmpDir: string;
}

export function userUpload<T>(
  req: Request,
  userId: string,
  limits: UploadLimits,
  use: (receive: () => Promise<string>) => Promise<T>,
): Promise<T> {
  return withUpload(req, { field: 'file', maxBytes: limits.uploadMaxBytes, tmpDir: limits.uploadTmpDir }, (receive) =>
    imageWork.upload(userId, () => use(receive)),
  );
}
