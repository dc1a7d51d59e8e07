import { createRequire } from 'node:module';
import fc from 'fast-check';
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

  it('reads attribute values holding <, > and quotes as sanitize-html does', () => {
    const nested = (attrs: string) => `<span ${attrs}>`.repeat(100) + 'x';
    for (const attrs of [
      'title="<"',
      "title='<'",
      'title="a<b>c"',
      'title=">"',
      `title="it's"`,
      `title='say "hi"'`,
      'a=<b',
      'title = "<" data-x=\'<>\'',
    ])
      expect(measureDiaryShape(nested(attrs)).depth, attrs).toBe(65);
    expect(measureDiaryShape('<p title="<b>not a tag</b>">x</p><i>y</i>')).toEqual({ elements: 2, depth: 1 });
    expect(measureDiaryShape("<p title='\"<i>'>x</p>")).toEqual({ elements: 1, depth: 1 });
    // `/>` does not close a span in HTML, and what a script holds is its text.
    expect(measureDiaryShape('<span/>'.repeat(3)).depth).toBe(3);
    expect(measureDiaryShape('<script><a title="</script><b><i>x</i></b>').depth).toBe(2);
  });

  it('never counts fewer opening tags or a shallower nesting than the parser sanitize-html uses', () => {
    // htmlparser2 as sanitize-html resolves it (its own copy, whatever is hoisted).
    const requireFromSanitizer = createRequire(createRequire(import.meta.url).resolve('sanitize-html'));
    const { Parser } = requireFromSanitizer('htmlparser2') as {
      Parser: new (
        handlers: { onopentag(name: string): void; onclosetag(name: string): void },
        options: { decodeEntities: boolean },
      ) => { end(html: string): void; startIndex: number };
    };
    const voids = new Set(['br', 'img', 'hr', 'wbr', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'param', 'source', 'track']);
    // Elements from opening tags (the parser also makes some of a `</p>` or `</br>`), and the depth.
    const parsed = (html: string) => {
      let elements = 0;
      let depth = 0;
      let open = 0;
      const parser = new Parser(
        {
          onopentag: (name) => {
            if (html.startsWith('<', parser.startIndex) && !html.startsWith('</', parser.startIndex)) elements += 1;
            if (!voids.has(name)) depth = Math.max(depth, (open += 1));
          },
          onclosetag: (name) => void (voids.has(name) || (open -= 1)),
        },
        { decodeEntities: true },
      );
      parser.end(html);
      return { elements, depth };
    };
    const pieces = [
      '<',
      '>',
      '"',
      "'",
      '=',
      '/',
      ' ',
      '\t',
      'a',
      'p',
      'div',
      'br',
      'img',
      'script',
      'SCRIPT',
      'title',
      'xmp',
      '</',
      '<!',
      '!--',
      '-->',
      '![CDATA[',
      ']]>',
      '?',
      '-',
      '&lt;',
      'x',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (parts) => {
        const html = parts.join('');
        const mine = measureDiaryShape(html, { elements: Infinity, depth: Infinity });
        const theirs = parsed(html);
        expect(mine.elements, html).toBeGreaterThanOrEqual(theirs.elements);
        expect(mine.depth, html).toBeGreaterThanOrEqual(theirs.depth);
      }),
      { numRuns: 5_000 },
    );
  });

  it('stays linear on tags that never close their angle bracket', () => {
    const started = performance.now();
    measureDiaryShape('<a'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('diary sanitiser pool', () => {
  const tight = createDiarySanitizer({ budgetMs: 30, threads: 1 });
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
    // Under the element and depth caps, but ~150 ms of sanitising on a quiet box (five times the
    // budget; ~0.7 s on a loaded one); the budget counts only that time.
    const heavy = `<span style="${'color:#fff;background-color:#000;'.repeat(20)}">x</span>`.repeat(3_500);
    const refused = await tight.sanitize(heavy).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('invalid');
    // A fresh worker replaced the terminated one; its start-up does not count against the budget.
    expect((await tight.sanitize('<p>ok</p>')).html).toBe('<p>ok</p>');
  });
});
