// AWS Signature Version 4 with Node's crypto: the Authorization header of a request (EKS
// DescribeCluster) and presigned URLs (the EKS token: a presigned STS GetCallerIdentity). Written
// here rather than taken from a library: it is a page of code, checked against AWS's published
// examples (test/unit/sigv4.test.ts), and a library (aws4, @smithy/signature-v4) would be a
// dependency for that page.
import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigningScope {
  service: string;
  region: string;
  credentials: AwsCredentials;
  date: Date;
}

const emptyPayloadHash = createHash("sha256").update("").digest("hex");

/** RFC 3986 percent-encoding, as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20260101T000000Z */
function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), "aws4_request");
}

function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** Each path segment encoded (twice, as every service but S3 wants: the path from URL is encoded once already). */
function canonicalPath(url: URL, service: string): string {
  if (service === "s3") return url.pathname;
  return url.pathname
    .split("/")
    .map((segment) => uriEncode(segment))
    .join("/");
}

interface Signable {
  method: string;
  url: URL;
  /** the headers to sign, names in any case; `host` is added */
  headers: Record<string, string>;
  payloadHash: string;
}

/** The signature and the signed header names of a request, in a scope. */
export function signature(
  request: Signable,
  scope: SigningScope,
): { signature: string; signedHeaders: string; credentialScope: string } {
  const headers = new Map<string, string>([["host", request.url.host]]);
  for (const [name, value] of Object.entries(request.headers))
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, " "));
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method,
    canonicalPath(request.url, scope.service),
    canonicalQuery(request.url.searchParams),
    names.map((name) => `${name}:${headers.get(name) ?? ""}\n`).join(""),
    signedHeaders,
    request.payloadHash,
  ].join("\n");
  const date = amzDate(scope.date);
  const day = date.slice(0, 8);
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    date,
    credentialScope,
    createHash("sha256").update(canonicalRequest, "utf8").digest("hex"),
  ].join("\n");
  const key = signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.service);
  return { signature: hmac(key, stringToSign).toString("hex"), signedHeaders, credentialScope };
}

/** The headers that authenticate a request: X-Amz-Date, X-Amz-Security-Token, Authorization. */
export function signHeaders(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
  scope: SigningScope,
): Record<string, string> {
  const signed: Record<string, string> = { ...headers, "x-amz-date": amzDate(scope.date) };
  if (scope.credentials.sessionToken !== undefined) signed["x-amz-security-token"] = scope.credentials.sessionToken;
  const payloadHash = createHash("sha256").update(body, "utf8").digest("hex");
  const result = signature({ method, url: new URL(url), headers: signed, payloadHash }, scope);
  return {
    ...signed,
    authorization: `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${result.credentialScope}, SignedHeaders=${result.signedHeaders}, Signature=${result.signature}`,
  };
}

/** A presigned URL: the signature in the query, valid `expires` seconds; `headers` must be sent with it. */
export function presign(
  method: string,
  url: string,
  headers: Record<string, string>,
  expires: number,
  scope: SigningScope,
  payloadHash = emptyPayloadHash,
): string {
  const target = new URL(url);
  const date = amzDate(scope.date);
  const names = ["host", ...Object.keys(headers).map((n) => n.toLowerCase())].sort().join(";");
  target.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  target.searchParams.set(
    "X-Amz-Credential",
    `${scope.credentials.accessKeyId}/${date.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`,
  );
  target.searchParams.set("X-Amz-Date", date);
  target.searchParams.set("X-Amz-Expires", String(expires));
  target.searchParams.set("X-Amz-SignedHeaders", names);
  if (scope.credentials.sessionToken !== undefined)
    target.searchParams.set("X-Amz-Security-Token", scope.credentials.sessionToken);
  const result = signature({ method, url: target, headers, payloadHash }, scope);
  // the query as signed (RFC 3986), then the signature
  target.search = `${canonicalQuery(target.searchParams)}&X-Amz-Signature=${result.signature}`;
  return target.toString();
}
