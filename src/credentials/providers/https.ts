// HTTPS calls to token services (the runner's ID-token endpoint, token exchange, STS, Entra, ARM,
// Google): through the environment's proxy (transport.ts), a few retries on the answers that mean "try
// again" (502, 503, 504, 429), never on refusals, which are configuration errors and would only
// burn the five-minute ID token.
import { setTimeout as sleep } from "node:timers/promises";
import type { ProxyEnvironment } from "../../kube/proxy.ts";
import { CredentialsError } from "../errors.ts";
import { closeTransport, send } from "./transport.ts";

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
const attempts = 4;

export function closeServiceConnections(): Promise<void> {
  closeTransport();
  return Promise.resolve();
}

export async function callService(call: ServiceRequest, proxyEnvironment: ProxyEnvironment): Promise<ServiceAnswer> {
  const host = new URL(call.url).host;
  for (let attempt = 1; ; attempt++) {
    let answer: ServiceAnswer;
    try {
      answer = await send(call, proxyEnvironment);
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
      if (attempt < attempts) {
        await sleep(200 * 2 ** attempt);
        continue;
      }
      throw new CredentialsError(
        `${call.step}: could not reach ${host} (${code}); check the network, the proxy (HTTPS_PROXY, NO_PROXY) and the endpoint`,
      );
    }
    if (!retried.has(answer.status) || attempt >= attempts) return answer;
    await sleep(200 * 2 ** attempt);
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
