// Stands in for AWS STS and EKS, which the test machine cannot reach: the same wire protocols
// (STS's Query API with XML answers, EKS's REST-JSON), checked the way AWS checks them. STS
// verifies the GitHub ID token against the local issuer's key, its audience and a trust policy on
// `sub`, and issues session credentials; it verifies the SigV4 signature of presigned
// GetCallerIdentity calls (made by the test cluster's token-review webhook, as aws-iam-authenticator
// does) with the secret it issued; EKS verifies SigV4 header signatures the same way.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { signature } from "../../src/credentials/providers/sigv4.ts";
import { verifyJwt } from "../cluster/identity/jwt.ts";
import { clusterAccess } from "./identities.ts";
import { identityServices, json, type LocalService, startLocalService } from "./oidc.ts";

export const awsAccount = "123456789012";

export interface FakeAwsOptions {
  roleName: string;
  /** the trust policy's condition on `sub` */
  trustsSubject: (sub: string) => boolean;
  /** the one cluster EKS knows */
  clusterName: string;
  /** role sessions last this long (STS's minimum is 900s; shorter here to test renewal) */
  sessionSeconds?: number;
}

export interface FakeAws extends LocalService {
  roleArn: string;
  /** every secret it issued: access key secrets and session tokens */
  secrets: string[];
  calls: { assumeRole: number; getCallerIdentity: number; describeCluster: number };
}

interface Session {
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  sessionName: string;
}

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function stsError(res: ServerResponse, status: number, code: string, message: string): void {
  xml(
    res,
    status,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomBytes(8).toString("hex")}</RequestId></ErrorResponse>`,
  );
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const { issuer, keys } = identityServices();
  const roleArn = `arn:aws:iam::${awsAccount}:role/${options.roleName}`;
  const sessions = new Map<string, Session>();
  const secrets: string[] = [];
  const calls = { assumeRole: 0, getCallerIdentity: 0, describeCluster: 0 };

  /** SigV4 as AWS checks it: the signature recomputed with the issued secret, over what was sent. */
  const verify = (
    method: string,
    url: URL,
    req: IncomingMessage,
    auth: {
      accessKeyId: string;
      date: string;
      signedHeaders: string;
      signature: string;
      region: string;
      service: string;
    },
    payloadHash: string,
  ): string | undefined => {
    const session = sessions.get(auth.accessKeyId);
    if (session === undefined) return "InvalidClientTokenId";
    if (Date.now() > session.expiresAt) return "ExpiredToken";
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders.split(";"))
      if (name !== "host") headers[name] = String(req.headers[name] ?? "");
    const date = new Date(auth.date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    const expected = signature(
      { method, url, headers, payloadHash },
      {
        service: auth.service,
        region: auth.region,
        date,
        credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: session.secretAccessKey },
      },
    );
    if (expected.signedHeaders !== auth.signedHeaders || expected.signature !== auth.signature)
      return "SignatureDoesNotMatch";
    return undefined;
  };

  const assumeRole = (form: URLSearchParams, res: ServerResponse) => {
    calls.assumeRole++;
    const checked = verifyJwt(form.get("WebIdentityToken") ?? "", keys.issuerPublicKey);
    if ("problem" in checked || checked.claims.iss !== issuer)
      return stsError(
        res,
        400,
        "InvalidIdentityToken",
        "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      );
    if (checked.claims.aud !== "sts.amazonaws.com")
      return stsError(res, 400, "InvalidIdentityToken", "Incorrect token audience");
    if (form.get("RoleArn") !== roleArn || !options.trustsSubject(String(checked.claims.sub)))
      return stsError(res, 403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    const session: Session = {
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(120).toString("base64")}`,
      expiresAt: Date.now() + (options.sessionSeconds ?? Number(form.get("DurationSeconds") ?? "3600")) * 1000,
      sessionName: form.get("RoleSessionName") ?? "",
    };
    sessions.set(accessKeyId, session);
    secrets.push(session.secretAccessKey, session.sessionToken);
    xml(
      res,
      200,
      `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${session.secretAccessKey}</SecretAccessKey><SessionToken>${session.sessionToken}</SessionToken><Expiration>${new Date(session.expiresAt).toISOString()}</Expiration></Credentials><SubjectFromWebIdentityToken>${String(checked.claims.sub)}</SubjectFromWebIdentityToken><AssumedRoleUser><Arn>arn:aws:sts::${awsAccount}:assumed-role/${options.roleName}/${session.sessionName}</Arn><AssumedRoleId>AROA:${session.sessionName}</AssumedRoleId></AssumedRoleUser><Provider>${issuer}</Provider><Audience>sts.amazonaws.com</Audience></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>${randomBytes(8).toString("hex")}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`,
    );
  };

  /** A presigned call: the signature is in the query. */
  const getCallerIdentity = (url: URL, req: IncomingMessage, res: ServerResponse) => {
    calls.getCallerIdentity++;
    const q = url.searchParams;
    const [accessKeyId = "", day = "", region = "", service = ""] = (q.get("X-Amz-Credential") ?? "").split("/");
    const date = q.get("X-Amz-Date") ?? "";
    const signedAt = Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    if (!(Date.now() - signedAt <= 15 * 60_000) || !date.startsWith(day))
      return json(res, 403, { Error: { Code: "ExpiredToken" } });
    const unsigned = new URL(url);
    unsigned.searchParams.delete("X-Amz-Signature");
    const session = sessions.get(accessKeyId);
    if (session === undefined || q.get("X-Amz-Security-Token") !== session.sessionToken)
      return json(res, 403, { Error: { Code: "InvalidClientTokenId" } });
    const problem = verify(
      "GET",
      unsigned,
      req,
      {
        accessKeyId,
        date,
        signedHeaders: q.get("X-Amz-SignedHeaders") ?? "",
        signature: q.get("X-Amz-Signature") ?? "",
        region,
        service,
      },
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    if (problem !== undefined) return json(res, 403, { Error: { Code: problem } });
    json(res, 200, {
      GetCallerIdentityResponse: {
        GetCallerIdentityResult: {
          Account: awsAccount,
          Arn: `arn:aws:sts::${awsAccount}:assumed-role/${options.roleName}/${session.sessionName}`,
          UserId: `AROA:${session.sessionName}`,
        },
        ResponseMetadata: { RequestId: randomBytes(8).toString("hex") },
      },
    });
  };

  const describeCluster = (name: string, url: URL, req: IncomingMessage, res: ServerResponse) => {
    calls.describeCluster++;
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
        req.headers.authorization ?? "",
      );
    if (match === null)
      return json(
        res,
        403,
        { message: "Missing Authentication Token" },
        { "x-amzn-errortype": "MissingAuthenticationTokenException" },
      );
    const [, accessKeyId = "", , region = "", service = "", signedHeaders = "", sig = ""] = match;
    if (req.headers["x-amz-security-token"] !== sessions.get(accessKeyId)?.sessionToken)
      return json(
        res,
        403,
        { message: "The security token included in the request is invalid." },
        { "x-amzn-errortype": "UnrecognizedClientException" },
      );
    const problem = verify(
      "GET",
      url,
      req,
      { accessKeyId, date: String(req.headers["x-amz-date"]), signedHeaders, signature: sig, region, service },
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    if (problem !== undefined)
      return json(res, 403, { message: problem }, { "x-amzn-errortype": `${problem}Exception` });
    if (name !== options.clusterName)
      return json(
        res,
        404,
        { message: `No cluster found for name: ${name}.` },
        { "x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/" },
      );
    const access = clusterAccess();
    json(res, 200, {
      cluster: {
        name,
        arn: `arn:aws:eks:us-east-1:${awsAccount}:cluster/${name}`,
        endpoint: access.server,
        status: "ACTIVE",
        certificateAuthority: { data: access.caData },
        version: "1.36",
      },
    });
  };

  const service = await startLocalService((req, body, res) => {
    const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "127.0.0.1"}`);
    if (req.method === "POST" && url.pathname === "/") {
      const form = new URLSearchParams(body);
      if (form.get("Action") === "AssumeRoleWithWebIdentity") return assumeRole(form, res);
      return stsError(res, 400, "InvalidAction", "Could not find operation");
    }
    if (req.method === "GET" && url.pathname === "/" && url.searchParams.get("Action") === "GetCallerIdentity")
      return getCallerIdentity(url, req, res);
    const cluster = /^\/clusters\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && cluster !== null)
      return describeCluster(decodeURIComponent(cluster[1] ?? ""), url, req, res);
    json(res, 404, { message: "unknown operation" });
  });
  return { ...service, roleArn, secrets, calls };
}
