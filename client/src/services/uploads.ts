/**
 * Uploads with progress: a file as the multipart field `file` to an upload route of the contract
 * (its path built by the typed client's `routePath`). `fetch` cannot report upload progress, so these
 * calls use XMLHttpRequest; their answers and errors are the same as `api`'s (`ApiError` with the hub's
 * error, a 401 ends the session).
 */
import { routePath, type RouteAnswer, type RouteParams } from '../../../shared/api-client.js';
import type { PhotoDto } from '../../../shared/dto.js';
import type { ErrorResponse } from '../../../shared/errors.js';
import { ApiError } from './api.js';
import { session } from './session.js';

/** The routes that take a file and report progress. */
export type UploadRoute = 'POST /albums/:id/photos' | 'POST /videos';

/** Sends `file` to `route`; `onProgress` gets 0–1 as bytes leave. Rejects with AbortError when `signal` aborts. */
export function uploadFile<K extends UploadRoute>(
  route: K,
  params: RouteParams<K>,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<RouteAnswer<K>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${routePath(route, params as Readonly<Record<string, unknown>>)}`);
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
        return resolve(body as RouteAnswer<K>);
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

/** Sends one file into an album. */
export async function uploadPhoto(
  albumId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<PhotoDto> {
  return (await uploadFile('POST /albums/:id/photos', { id: albumId }, file, onProgress, signal)).photo;
}
