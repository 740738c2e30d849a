// The error bodies of OAuth token endpoints ({error, error_description}) and of Google and Azure
// REST APIs ({error: {code, message, status}}), read into one code and message for messages.
import type { ServiceAnswer } from "./https.ts";

export interface ServiceError {
  code: string;
  message: string;
}

export function serviceError(answer: ServiceAnswer): ServiceError {
  let body: { error?: unknown; error_description?: unknown } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // a proxy's page: only the status says something
  }
  if (typeof body.error === "string")
    return { code: body.error, message: typeof body.error_description === "string" ? body.error_description : "" };
  if (typeof body.error === "object" && body.error !== null) {
    const error = body.error as { code?: unknown; status?: unknown; message?: unknown };
    const code =
      typeof error.status === "string"
        ? error.status
        : typeof error.code === "string"
          ? error.code
          : `HTTP ${answer.status}`;
    return { code, message: typeof error.message === "string" ? error.message : "" };
  }
  return { code: `HTTP ${answer.status}`, message: "" };
}

export function describeError(error: ServiceError): string {
  return `${error.code}${error.message === "" ? "" : `: ${error.message}`}`;
}
