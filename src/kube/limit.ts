// One concurrency limiter for every fan-out of requests (applies, prefetch LISTs, access reviews):
// at most `size` tasks run at once, the others wait their turn in order.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limiter(size: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // a finished task hands its slot straight to the next waiting one
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/** Runs `work` over `items`, at most `size` at a time, keeping the order of results. */
export function mapLimited<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const limit = limiter(size);
  return Promise.all(items.map((item) => limit(() => work(item))));
}
