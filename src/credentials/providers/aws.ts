// `auth: aws` (EKS): the GitHub ID token → STS AssumeRoleWithWebIdentity (unsigned Query API) →
// the EKS bearer token, a presigned STS GetCallerIdentity URL naming the cluster in the signed
// header x-k8s-aws-id, which the cluster's authenticator calls to learn who we are. The cluster's
// endpoint and CA come from EKS DescribeCluster (SigV4-signed) unless server is given.
import type { IssuedToken } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import { callService, jsonOf, type ServiceReach, type ServiceAnswer } from "./https.ts";
import { describeIdToken } from "./id-token.ts";
import { type ClusterAccess, defineProvider, type ServiceContext } from "./provider.ts";
import { type AwsCredentials, presign, signHeaders } from "./sigv4.ts";

export interface AwsSettings {
  method: "aws";
  audience: string;
  roleArn: string;
  region: string;
  clusterName: string;
  sessionName: string;
  endpoints: { sts: string; eks: string };
}

export interface RoleSession {
  credentials: AwsCredentials;
  expiresAt: Date;
}

const stsStep = "AWS STS AssumeRoleWithWebIdentity";
const lookupStep = "EKS DescribeCluster (cluster lookup)";

/** The EKS token is valid 15 minutes after it was signed; clients say 14 (aws-cli, the authenticator). */
const eksTokenLifetimeMs = 14 * 60_000;

function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`)
    .exec(xml)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** What STS error codes usually mean for a GitHub workflow. */
function stsCauses(code: string, provider: AwsSettings, idToken: string): string {
  const token = describeIdToken(idToken);
  switch (code) {
    case "InvalidIdentityToken":
      return `STS does not accept the GitHub ID token (${token}): the account needs an IAM OIDC identity provider for that issuer whose audiences include "${provider.audience}" (the audience input)`;
    case "IDPRejectedClaim":
    case "AccessDenied":
      return `the trust policy of ${provider.roleArn} refuses this workflow (${token}): its conditions on token.actions.githubusercontent.com:sub and :aud must match (with an environment the subject is repo:ORG/REPO:environment:NAME), and the role must exist`;
    case "ExpiredTokenException":
      return "the GitHub ID token expired before STS saw it (they live five minutes): check the runner's clock";
    case "RegionDisabledException":
      return `STS is not enabled in ${provider.region} for this account`;
    case "IDPCommunicationError":
      return "STS could not reach GitHub's issuer to check the token; try again";
    default:
      return "see the STS documentation for this error";
  }
}

export async function assumeRole(
  provider: AwsSettings,
  idToken: string,
  context: ServiceContext,
): Promise<RoleSession> {
  const form = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: provider.roleArn,
    RoleSessionName: provider.sessionName,
    WebIdentityToken: idToken,
    DurationSeconds: "3600",
  });
  const answer = await callService(
    {
      step: stsStep,
      url: `${provider.endpoints.sts}/`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: form.toString(),
    },
    context,
  );
  const accessKeyId = xmlValue(answer.text, "AccessKeyId");
  const secretAccessKey = xmlValue(answer.text, "SecretAccessKey");
  const sessionToken = xmlValue(answer.text, "SessionToken");
  for (const secret of [accessKeyId, secretAccessKey, sessionToken])
    if (secret !== undefined && secret !== "") secretForms(secret).forEach(context.mask);
  if (
    answer.status !== 200 ||
    accessKeyId === undefined ||
    secretAccessKey === undefined ||
    sessionToken === undefined
  ) {
    const code = xmlValue(answer.text, "Code") ?? `HTTP ${answer.status}`;
    const message = xmlValue(answer.text, "Message");
    throw new CredentialsError(
      `${stsStep} for ${provider.roleArn} failed (${code}${message === undefined ? "" : `: ${message}`}); ${stsCauses(code, provider, idToken)}`,
    );
  }
  const expiration = Date.parse(xmlValue(answer.text, "Expiration") ?? "");
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    expiresAt: new Date(Number.isNaN(expiration) ? Date.now() + 3600_000 : expiration),
  };
}

/** `k8s-aws-v1.` + base64url (unpadded) of the presigned GetCallerIdentity URL for the cluster. */
export function eksToken(
  provider: AwsSettings,
  session: RoleSession,
  mask: (secret: string) => void,
  now = new Date(),
): IssuedToken {
  const url = presign(
    "GET",
    `${provider.endpoints.sts}/?Action=GetCallerIdentity&Version=2011-06-15`,
    { "x-k8s-aws-id": provider.clusterName },
    // kept at 60 for old authenticators; the token is valid 15 minutes after X-Amz-Date regardless
    60,
    { service: "sts", region: provider.region, credentials: session.credentials, date: now },
  );
  const token = `k8s-aws-v1.${Buffer.from(url).toString("base64url")}`;
  secretForms(token).forEach(mask);
  // never beyond the role session, which the presigned call needs
  const expiresAt = new Date(Math.min(now.getTime() + eksTokenLifetimeMs, session.expiresAt.getTime()));
  return { token, issuedAt: now, expiresAt };
}

function awsError(answer: ServiceAnswer): { code: string; message: string } {
  const header = answer.headers["x-amzn-errortype"];
  let body: { __type?: string; message?: string; Message?: string } = {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // a proxy's page: only the status says something
  }
  const type =
    (typeof header === "string" ? header : (body.__type ?? `HTTP ${answer.status}`)).split(":")[0]?.split("#").pop() ??
    "";
  return { code: type, message: body.message ?? body.Message ?? "" };
}

export async function describeCluster(
  provider: AwsSettings,
  session: RoleSession,
  context: ServiceReach,
): Promise<ClusterAccess> {
  const url = `${provider.endpoints.eks}/clusters/${encodeURIComponent(provider.clusterName)}`;
  const headers = signHeaders("GET", url, { accept: "application/json" }, "", {
    service: "eks",
    region: provider.region,
    credentials: session.credentials,
    date: new Date(),
  });
  const answer = await callService({ step: lookupStep, url, headers }, context);
  if (answer.status !== 200) {
    const { code, message } = awsError(answer);
    const cause =
      code === "ResourceNotFoundException"
        ? `there is no cluster ${provider.clusterName} in ${provider.region}; check cluster-name and aws-region`
        : code === "AccessDeniedException" || answer.status === 403
          ? `${provider.roleArn} may not describe the cluster: give it eks:DescribeCluster, or set server and certificate-authority-data`
          : "see the EKS documentation for this error";
    throw new CredentialsError(`${lookupStep} failed (${code}${message === "" ? "" : `: ${message}`}); ${cause}`);
  }
  const cluster = jsonOf<{
    cluster?: { endpoint?: string; status?: string; certificateAuthority?: { data?: string } };
  }>(answer, lookupStep).cluster;
  if (cluster?.endpoint === undefined || cluster.endpoint === "") {
    throw new CredentialsError(
      `${lookupStep}: cluster ${provider.clusterName} has no endpoint yet (status ${cluster?.status ?? "unknown"}); wait until it is ACTIVE`,
    );
  }
  const data = cluster.certificateAuthority?.data;
  return {
    server: cluster.endpoint.replace(/\/+$/, ""),
    ca: data === undefined ? undefined : Buffer.from(data, "base64").toString("utf8"),
    source: `EKS DescribeCluster of ${provider.clusterName} (${provider.region})`,
  };
}

export const aws = defineProvider({
  method: "aws",
  inputs: ["audience", "aws-role-arn", "aws-region", "cluster-name"],
  read(inputs): AwsSettings {
    const roleArn = inputs.required("aws-role-arn", "the IAM role to assume with the GitHub ID token");
    if (roleArn !== "" && !/^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/.test(roleArn)) {
      inputs.problem(`aws-role-arn: "${roleArn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`);
    }
    const region = inputs.required("aws-region", "the cluster's region, for example eu-west-1");
    const china = region.startsWith("cn-");
    const domain = china ? "amazonaws.com.cn" : "amazonaws.com";
    return {
      method: "aws",
      audience: inputs.input("audience") ?? (china ? "sts.amazonaws.com.cn" : "sts.amazonaws.com"),
      roleArn,
      region,
      clusterName: inputs.required("cluster-name", "the EKS cluster's name"),
      sessionName: `kubeship-${inputs.variable("GITHUB_RUN_ID") ?? "run"}`.slice(0, 64),
      endpoints: {
        sts: inputs.endpoint(["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"], `https://sts.${region}.${domain}`),
        eks: inputs.endpoint(["AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL"], `https://eks.${region}.${domain}`),
      },
    };
  },
  async obtainToken(settings, idToken, context) {
    const session = await assumeRole(settings, idToken.token, context);
    return eksToken(settings, session, context.mask);
  },
  async findCluster(settings, idToken, context) {
    const session = await assumeRole(settings, (await idToken()).token, context);
    return describeCluster(settings, session, context);
  },
  describe: (settings) => `an EKS token for ${settings.roleArn} (AssumeRoleWithWebIdentity, renewed before it expires)`,
  rejectionCauses: (settings) =>
    `the cluster refused the EKS token for ${settings.roleArn}. Usual causes: the role has no access entry ` +
    `(or aws-auth mapping) on cluster ${settings.clusterName}, or the token was signed for another cluster name ` +
    "(cluster-name)",
});
