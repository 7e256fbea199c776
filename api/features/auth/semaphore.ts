import { ApiError } from '../../errors.js';

/** At most `slots` tasks at once; up to `maxWaiting` more wait in order, beyond that callers are told to retry. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaiting = 200,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ApiError(
          503,
          'SERVER_BUSY',
          'Too many sign-ins at once; retry in a moment',
          '同时登录的请求过多，请稍后重试',
          { retryAfter: 5 },
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // hand the slot straight to the next waiter, or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
