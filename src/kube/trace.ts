// A record of the requests a client sent, for the debug log, the benchmarks and the tests that count
// round trips: over distance every request that waits for another costs a full round trip, so what
// matters is how many requests stand one after another, not how many there are.
import { monotonicMs } from "../deadline.ts";
import type { HttpMethod } from "./api.ts";

export interface RequestRecord {
  method: HttpMethod;
  path: string;
  /** monotonicMs() when it was sent and when its answer was read (undefined while in flight) */
  sent: number;
  answered: number | undefined;
  /** the Accept header: whether the whole object or only its metadata was asked for */
  accept: string;
  /** the size of the answer's body, once read: what the network carried back */
  bytes: number | undefined;
}

export class RequestTrace {
  readonly records: RequestRecord[] = [];

  /** Records a request as sent; call `answered()` on the record once its answer is read (or it failed). */
  sent(method: HttpMethod, path: string, accept: string): RequestRecord {
    const record: RequestRecord = {
      method,
      path,
      sent: monotonicMs(),
      answered: undefined,
      accept,
      bytes: undefined,
    };
    this.records.push(record);
    return record;
  }

  static answered(record: RequestRecord, bytes?: number): void {
    record.answered = monotonicMs();
    record.bytes = bytes;
  }
}

/**
 * The round trip each request stood in: one more than the latest round trip among the requests
 * answered before it was sent (1 for a request that waited for none). A request sent while others
 * were in flight shares their round trip; one sent after an answer pays another. So the largest
 * value is the number of round trips a run waits for one after another, whatever the distance.
 */
export function roundTrips(records: readonly RequestRecord[]): number[] {
  const depths: number[] = [];
  for (const [i, record] of records.entries()) {
    let depth = 1;
    for (let j = 0; j < i; j++) {
      const earlier = records[j];
      if (earlier?.answered !== undefined && earlier.answered <= record.sent)
        depth = Math.max(depth, (depths[j] ?? 0) + 1);
    }
    depths.push(depth);
  }
  return depths;
}

/** Round trips one after another before the first write (PATCH, dry runs included, PUT, DELETE or POST other than a review). */
export function roundTripsBeforeFirstWrite(records: readonly RequestRecord[]): number | undefined {
  const depths = roundTrips(records);
  const first = records.findIndex(isWrite);
  return first === -1 ? undefined : depths[first];
}

/** Reviews (identity, access) are POSTs that change nothing. */
export function isWrite(record: Pick<RequestRecord, "method" | "path">): boolean {
  if (record.method === "GET") return false;
  return !(record.method === "POST" && /\/(selfsubjectreviews|selfsubjectaccessreviews)$/.test(record.path));
}
