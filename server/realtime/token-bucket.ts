/** A token bucket: `rate` tokens a second, holding at most `burst`. Socket-local, so no store needed. */
export interface TokenBucket {
  take(): boolean;
}

const monotonicNow = (): number => performance.now();

/** A class, not closures: one bucket per connected user, so its methods are shared through the prototype. */
class Bucket implements TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export function createTokenBucket(rate: number, burst: number, now: () => number = monotonicNow): TokenBucket {
  return new Bucket(rate, burst, now);
}
