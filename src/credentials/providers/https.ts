// HTTPS calls to token services (the runner's ID-token endpoint, token exchange, STS, Entra, ARM,
// Google): through the environment's proxy (transport.ts), a few retries on the answers that mean "try
// again" (502, 503, 504, 429), never on refusals, which are configuration errors and would only
// burn the five-minute ID token. The run's signal ends a call, and its retries, wherever it is.
import { setTimeout as sleep } from "node:timers/promises";
import { Interrupted } from "../../deadline.ts";
import type { ProxyEnvironment } from "../../kube/proxy.ts";
import { CredentialsError } from "../errors.ts";
import { closeTransport, send } from "./transport.ts";

/** How token services are reached: the environment's proxy, and the signal that ends the run. */
export interface ServiceReach {
  proxyEnvironment: ProxyEnvironment;
  signal?: AbortSignal;
}

export interface ServiceRequest {
  /** the step, for messages: `GitHub ID token request`, `AWS STS AssumeRoleWithWebIdentity` */
  step: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface ServiceAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const retried = new Set([429, 502, 503, 504]);
const maxAttempts = 4;

export function closeServiceConnections(): Promise<void> {
  closeTransport();
  return Promise.resolve();
}

export async function callService(call: ServiceRequest, reach: ServiceReach): Promise<ServiceAnswer> {
  const { signal } = reach;
  try {
    return await attempts(call, reach);
  } catch (error) {
    if (signal?.aborted !== true) throw error;
    throw new Interrupted(
      `waiting for ${call.step} at ${new URL(call.url).host}`,
      "check that the service is reachable from the runner (network, HTTPS_PROXY, NO_PROXY)",
      signal.reason,
    );
  }
}

async function attempts(call: ServiceRequest, { proxyEnvironment, signal }: ServiceReach): Promise<ServiceAnswer> {
  const host = new URL(call.url).host;
  const pause = (attempt: number) => sleep(200 * 2 ** attempt, undefined, signal === undefined ? {} : { signal });
  for (let attempt = 1; ; attempt++) {
    let answer: ServiceAnswer;
    try {
      answer = await send(call, proxyEnvironment, signal);
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
      if (attempt < maxAttempts) {
        await pause(attempt);
        continue;
      }
      throw new CredentialsError(
        `${call.step}: could not reach ${host} (${code}); check the network, the proxy (HTTPS_PROXY, NO_PROXY) and the endpoint`,
      );
    }
    if (!retried.has(answer.status) || attempt >= maxAttempts) return answer;
    await pause(attempt);
  }
}

/** The answer's JSON object, or a clear error naming the step. */
export function jsonOf<T>(answer: ServiceAnswer, step: string): T {
  try {
    const value: unknown = JSON.parse(answer.text);
    if (typeof value === "object" && value !== null) return value as T;
  } catch {
    // said below
  }
  throw new CredentialsError(`${step}: the answer (HTTP ${answer.status}) is not JSON`);
}
