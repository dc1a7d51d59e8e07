/**
 * The client's translations are whole: every `msg(…, { id })` in client/src has a zh-CN entry of the
 * same shape (plain string, or a str template with as many values), and the locale helpers pick
 * languages the way the README says.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../scripts/i18n-check.js';

describe('zh-CN translations', () => {
  it('cover every message id in the client, each with the source’s shape', async () => {
    const result = await check();
    expect(result.ids).toBeGreaterThan(300);
    expect(result.missing.map((m) => `${m.id} (${m.file})`)).toEqual([]);
    expect(result.shapeMismatch).toEqual([]);
  });

  it('use Qzone’s own words for the product', async () => {
    const { templates } = (await import('../../client/src/i18n/zh-CN/index.js')) as { templates: Record<string, unknown> };
    expect(templates['post.shuoshuo']).toBe('说说');
    expect(templates['post.diary']).toBe('日志');
    expect(templates['space.albums']).toBe('相册');
    expect(templates['space.guestbook']).toBe('留言板');
    expect(templates['nav.feed']).toBe('好友动态');
    expect(templates['space.yellow']).toBe('黄钻');
  });
});
