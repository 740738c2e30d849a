// The narrow API that every stage past credentials talks through: a request, a GET of one object, a
// LIST of a collection and a watch. KubeClient implements it over HTTPS; tests implement it with
// recorded answers, so that the pipeline's branches run without a cluster.
import type { KubeObject } from "./types.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface KubeResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

/** A collection as a LIST returns it. */
export interface ObjectList<T = KubeObject> {
  items: T[];
  /** where a watch of the collection starts so that it misses nothing */
  resourceVersion?: string;
}

export interface KubeApi {
  /** one request; answers other than 2xx throw KubeApiError */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<KubeResponse<T>>;
  /** one object, or undefined when the server answers 404 */
  get<T = KubeObject>(path: string, options?: RequestOptions): Promise<T | undefined>;
  /** a whole collection */
  list<T = KubeObject>(path: string, options?: RequestOptions): Promise<ObjectList<T>>;
  /** a watch stream: events as the server sends them, ending when the server closes the stream */
  watch<T = KubeObject>(
    path: string,
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): AsyncGenerator<WatchEvent<T>>;
}
