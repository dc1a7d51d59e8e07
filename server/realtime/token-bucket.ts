/** A token bucket: `rate` tokens a second, holding at most `burst`. Socket-local, so no store needed. */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(rate: number, burst: number, now = () => performance.now()): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
