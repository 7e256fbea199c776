/**
 * Timing loops for the benchmarks. A synchronous function is timed in a plain loop: awaiting
 * it would add a promise and a microtask per call and halve what is measured. Asynchronous
 * functions are timed one at a time (`rateAsync`) or with many in flight (`rateInFlight`).
 */

/** Calls per second of a synchronous function; `sink` keeps the results alive. */
export function rateSync(fn: (i: number) => unknown, seconds: number, warmUp = 500): number {
  let sink: unknown;
  for (let i = 0; i < warmUp; i++) sink = fn(i);
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 1000; i++) sink = fn(n + i);
    n += 1000;
  }
  keep(sink);
  return n / ((performance.now() - start) / 1000);
}

/** Calls per second of an asynchronous function, each awaited before the next. */
export async function rateAsync(fn: (i: number) => Promise<unknown>, seconds: number, warmUp = 300): Promise<number> {
  for (let i = 0; i < warmUp; i++) await fn(i);
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) await fn(n + i);
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Calls per second of an asynchronous function with `inFlight` calls outstanding at all times. */
export async function rateInFlight(
  fn: (i: number) => Promise<unknown>,
  seconds: number,
  inFlight = 100,
): Promise<number> {
  await Promise.all(Array.from({ length: inFlight }, (_, i) => fn(i)));
  let n = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      await fn(next++);
      n++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return n / ((performance.now() - start) / 1000);
}

let kept: unknown;
/** Stops the optimiser from dropping a loop whose results nobody reads. */
function keep(value: unknown): void {
  if (Math.random() > 2) kept = value;
  void kept;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
