/**
 * Video uploads (`POST /api/videos`) go through XMLHttpRequest, not fetch: only XHR reports upload
 * progress, which a 100 MB file needs. Errors come back as the same `ApiError` the typed client throws.
 */
import type { VideoDto } from '../../../shared/dto.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { ApiError, api } from './api.js';
import { session } from './session.js';

/** Uploads `file`; `onProgress` gets the fraction sent (0–1); `signal` cancels (rejects with an AbortError). */
export function uploadVideo(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<VideoDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/videos');
    if (session.token) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { video?: VideoDto; error?: { code: ErrorCode; message: string } } | null;
      if (xhr.status === 201 && body?.video) resolve(body.video);
      else reject(new ApiError(xhr.status, body?.error?.code ?? 'network', body?.error?.message ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload failed'));
    xhr.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Removes an uploaded video no post carries (the composer's ✕). */
export async function discardVideo(id: string): Promise<void> {
  await api.call('DELETE /videos/:id', { params: { id } });
}
