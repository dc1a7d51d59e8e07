/**
 * Videos (`POST /api/videos`): the upload goes through `uploadFile` (XMLHttpRequest: only XHR reports
 * upload progress, which a 100 MB file needs), with the same `ApiError`s the typed client throws.
 */
import type { VideoDto } from '../../../shared/dto.js';
import { api } from './api.js';
import { uploadFile } from './uploads.js';

/** Uploads `file`; `onProgress` gets the fraction sent (0–1); `signal` cancels (rejects with an AbortError). */
export async function uploadVideo(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<VideoDto> {
  return (await uploadFile('POST /videos', {}, file, onProgress, signal)).video;
}

/** Removes an uploaded video no post carries (the composer's ✕). */
export async function discardVideo(id: string): Promise<void> {
  await api.call('DELETE /videos/:id', { params: { id } });
}
