import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.js';
import { measureDiaryShape } from '../../../server/modules/posts/diary-shape.js';
import { createDiarySanitizer } from '../../../server/modules/posts/diary-sanitizer.js';

describe('diary shape pre-check', () => {
  it('counts opening tags and nesting depth; void and self-closed elements do not deepen it', () => {
    expect(measureDiaryShape('<p>a<b>b</b><br><img src="x"></p><p><i>c</i></p>')).toEqual({ elements: 6, depth: 2 });
    expect(measureDiaryShape('<ul><li><span>x</span></li></ul>')).toEqual({ elements: 3, depth: 3 });
  });

  it('a closing tag closes what was left open inside it', () => {
    expect(measureDiaryShape('<blockquote><b><i>x</blockquote><p>y</p>').depth).toBe(3);
  });

  it('stays linear on tags that never close their angle bracket', () => {
    const started = performance.now();
    measureDiaryShape('<a'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('diary sanitiser pool', () => {
  const tight = createDiarySanitizer({ budgetMs: 100, threads: 1 });
  const normal = createDiarySanitizer({ threads: 1 });
  afterAll(async () => {
    await Promise.all([tight.close(), normal.close()]);
  });

  it('sanitises in a worker: scripts and handlers go, formatting stays', async () => {
    const diary = await normal.sanitize('<p onclick="x()">hi <b>there</b></p><script>alert(1)</script>');
    expect(diary).toEqual({
      html: '<p>hi <b>there</b></p>',
      plain: 'hi there',
      lines: '\nhi there\n',
      unseen: '',
      photoIds: [],
      empty: false,
    });
  });

  it('refuses over-limit markup before any worker runs', async () => {
    await expect(normal.sanitize('<a>'.repeat(66_666))).rejects.toMatchObject({ code: 'invalid' });
    await expect(normal.sanitize('<span>'.repeat(65) + 'x')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a diary over its time budget is refused as invalid and the recycled worker serves the next one', async () => {
    // Under the element and depth caps, but ~0.7 s of sanitising; the budget counts only that time.
    const heavy = '<span style="color:#fff;background-color:#000">x</span>'.repeat(3_500);
    const refused = await tight.sanitize(heavy).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('invalid');
    // A fresh worker replaced the terminated one; its start-up does not count against the budget.
    expect((await tight.sanitize('<p>ok</p>')).html).toBe('<p>ok</p>');
  });
});
