// One concurrency limiter for every fan-out of requests (reads and applies, access reviews):
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
