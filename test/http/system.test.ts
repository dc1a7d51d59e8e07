import { describe, expect, it } from 'vitest';
import { apiClient, engines, useTestHub } from '../helpers/index.js';

describe.each(engines)('system endpoints on the %s engine', (engine) => {
  const hub = useTestHub({ engine });

  it('reports health with the store up', async () => {
    const res = await apiClient(hub.url).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, store: 'up', engine });
    expect(res.body.redis).toBeUndefined();
  });

  it('tells clients where Socket.IO listens', async () => {
    const res = await apiClient(hub.url).get('/config');
    expect(res.status).toBe(200);
    const expected = engine === 'ws' ? `http://127.0.0.1:${hub.httpPort}` : `http://127.0.0.1:${hub.wsPort}`;
    expect(res.body).toEqual({ realtimeUrl: expected });
    if (engine === 'uws') expect(hub.wsPort).not.toBe(hub.httpPort);
  });

  it('answers unknown API paths, malformed JSON and oversized bodies in the contract shape', async () => {
    const api = apiClient(hub.url);
    const missing = await api.get('/no/such/thing');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const malformed = await api.raw('POST', '/auth/login', '{"handle": ', 'application/json');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid');
    const huge = await api.raw('POST', '/auth/login', JSON.stringify({ handle: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too_large');
  });

  it('gives every answer a request id and security headers', async () => {
    const res = await apiClient(hub.url).get('/health');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('never asks a plain-HTTP browser to upgrade its requests (a LAN address would load a blank page)', async () => {
    const res = await fetch(`${hub.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
