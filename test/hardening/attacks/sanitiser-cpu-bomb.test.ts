/**
 * Attack: diaries of pathological markup (`<a>` × 66,666, ~200 KB) cost seconds of sanitiser CPU each;
 * before the fix three in parallel held the event loop for ~12.8 s. Now the markup is refused by a
 * cheap count before sanitising, and sanitising runs in a worker pool with a time budget.
 */
import { describe, expect, it } from 'vitest';
import { registerUser, useTestHub, type ApiAnswer } from '../../helpers/index.js';
import { allowance, quietBaseline, watchWhile } from './probe.js';

describe('sanitiser CPU bomb', () => {
  const hub = useTestHub();

  it('diaries of 66,666 unclosed links are refused while the hub answers liveness in 100 ms and a sign-in in 500 ms', async () => {
    const attacker = await registerUser(hub, 'attacker');
    const bystander = await registerUser(hub, 'bystander');
    const signIn = { handle: bystander.handle, password: 'correct horse battery' };
    const bomb = '<a>'.repeat(66_666);
    // One request first, so that code compiled on first use (body parsing, schemas) is not counted as the attack.
    expect((await attacker.api.post('/posts', { kind: 'diary', title: 'bomb', text: bomb, privacy: 'public' })).status).toBe(400);
    const started = performance.now();
    const answers: ApiAnswer[] = [];
    // Three at a time, for ten rounds (before the fix, one round held the event loop ~8.6 s here).
    const posting = (async () => {
      for (let round = 0; round < 10; round += 1) {
        answers.push(
          ...(await Promise.all(
            Array.from({ length: 3 }, () => attacker.api.post('/posts', { kind: 'diary', title: 'bomb', text: bomb, privacy: 'public' })),
          )),
        );
      }
    })();
    const felt = await watchWhile(hub, posting, signIn);
    const quiet = await quietBaseline(hub, performance.now() - started, signIn);
    console.info(
      `sanitiser bomb: liveness ${felt.slowestProbeMs.toFixed(0)} ms (quiet ${quiet.slowestProbeMs.toFixed(0)}), sign-in ${felt.slowestSignInMs.toFixed(0)} ms (quiet ${quiet.slowestSignInMs.toFixed(0)})`,
    );
    expect(answers).toHaveLength(30);
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid');
    }
    expect(felt.slowestProbeMs).toBeLessThan(allowance(100, quiet.slowestProbeMs));
    expect(felt.slowestSignInMs).toBeLessThan(allowance(500, quiet.slowestSignInMs));
  });

  it('deep nesting under the element cap is refused before sanitising', async () => {
    const attacker = await registerUser(hub, 'nester');
    const res = await attacker.api.post('/posts', { kind: 'diary', title: 'deep', text: '<span>'.repeat(5_000) + 'x', privacy: 'public' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
  });

  it('markup that is slow without being caught by the cheap checks is cut off by the time budget, and ordinary diaries still work', async () => {
    const author = await registerUser(hub, 'author');
    const ok = await author.api.post('/posts', {
      kind: 'diary',
      title: 'fine',
      text: '<p>hello <b>world</b></p><script>x</script>',
      privacy: 'public',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.post.text).toBe('<p>hello <b>world</b></p>');
  });

  it('nesting hidden behind attribute values holding <, > and quotes is counted and refused (the issue stored 14,000 deep)', async () => {
    const attacker = await registerUser(hub, 'quoter');
    // 1,000 deep: quick to sanitise, so only the shape check can refuse it (deeper ones may also run
    // out of the sanitiser's time budget on a slow machine).
    for (const attrs of ['title="<"', `title='<'`, 'title="a<b>c"', `title='"<'`, 'title=">"']) {
      const res = await attacker.api.post('/posts', {
        kind: 'diary',
        title: 'deep',
        text: `<span ${attrs}>`.repeat(1_000) + 'x',
        privacy: 'public',
      });
      expect(res.status, attrs).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid', message: 'text: HTML nested at most 64 deep' });
    }
    const own = await attacker.api.get(`/spaces/${attacker.handle}/posts`);
    expect(own.body.posts).toEqual([]);
    // Ordinary markup with such attributes still passes.
    const ok = await attacker.api.post('/posts', { kind: 'diary', title: 'fine', text: '<p title="a<b">1 < 2 > 0</p>', privacy: 'public' });
    expect(ok.status).toBe(201);
  });
});
