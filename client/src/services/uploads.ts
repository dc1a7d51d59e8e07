/**
 * Photo uploads with progress. `fetch` cannot report upload progress, so this one call uses
 * XMLHttpRequest; its answers and errors are the same as `api`'s (`ApiError` with the hub's message).
 */
import type { PhotoDto } from '../../../shared/dto.js';
import type { ErrorResponse } from '../../../shared/errors.js';
import { ApiError } from './api.js';
import { session } from './session.js';

/** Sends one file into an album; `onProgress` gets 0–1 as bytes leave. Rejects with AbortError when aborted. */
export function uploadPhoto(albumId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<PhotoDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/albums/${encodeURIComponent(albumId)}/photos`);
    const token = session.token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        return resolve((body as { photo: PhotoDto }).photo);
      }
      const error = (body as Partial<ErrorResponse> | undefined)?.error;
      if (xhr.status === 401 && token) session.expire();
      reject(new ApiError(xhr.status, error?.code ?? 'internal', error?.message ?? xhr.statusText, error?.fields));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'The hub cannot be reached. Check your connection.')));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
