// SigV4 against AWS's published examples: the values and signatures are those of AWS's documentation
// (the signature test suite's get-vanilla, and the S3 examples of header signing and presigned URLs);
// then the EKS token built on it, in the form aws-iam-authenticator verifies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eksToken } from "../../src/credentials/providers/aws.ts";
import { presign, signHeaders, signature } from "../../src/credentials/providers/sigv4.ts";

const suite = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const s3 = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("SigV4", () => {
  it("signs the test suite's get-vanilla request", () => {
    const date = new Date("2015-08-30T12:36:00Z");
    const headers = signHeaders("GET", "https://example.amazonaws.com/", {}, "", {
      service: "service",
      region: "us-east-1",
      credentials: suite,
      date,
    });
    assert.equal(
      headers.authorization,
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("signs the S3 GET Object example (header signing)", () => {
    const date = new Date("2013-05-24T00:00:00Z");
    const result = signature(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: { range: "bytes=0-9", "x-amz-content-sha256": emptyHash, "x-amz-date": "20130524T000000Z" },
        payloadHash: emptyHash,
      },
      { service: "s3", region: "us-east-1", credentials: s3, date },
    );
    assert.equal(result.signedHeaders, "host;range;x-amz-content-sha256;x-amz-date");
    assert.equal(result.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  it("presigns the S3 example URL (query signing)", () => {
    const date = new Date("2013-05-24T00:00:00Z");
    const url = presign(
      "GET",
      "https://examplebucket.s3.amazonaws.com/test.txt",
      {},
      86400,
      { service: "s3", region: "us-east-1", credentials: s3, date },
      "UNSIGNED-PAYLOAD",
    );
    assert.equal(
      new URL(url).searchParams.get("X-Amz-Signature"),
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });
});

describe("the EKS token", () => {
  it("is k8s-aws-v1. and the unpadded base64url of a presigned GetCallerIdentity URL that signs x-k8s-aws-id", () => {
    const provider = {
      method: "aws" as const,
      audience: "sts.amazonaws.com",
      roleArn: "arn:aws:iam::123456789012:role/deploy",
      region: "eu-west-1",
      clusterName: "prod",
      sessionName: "kubeship-1",
      endpoints: { sts: "https://sts.eu-west-1.amazonaws.com", eks: "https://eks.eu-west-1.amazonaws.com" },
    };
    const session = {
      credentials: { ...suite, sessionToken: "session/token+=" },
      expiresAt: new Date("2026-01-01T01:00:00Z"),
    };
    const masked: string[] = [];
    const issued = eksToken(provider, session, (s) => masked.push(s), new Date("2026-01-01T00:00:00Z"));
    assert.match(issued.token, /^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    assert.ok(masked.includes(issued.token));
    // valid 15 minutes after X-Amz-Date; kubeship says 14, as aws-cli does
    assert.equal(issued.expiresAt.toISOString(), "2026-01-01T00:14:00.000Z");
    const url = new URL(Buffer.from(issued.token.slice("k8s-aws-v1.".length), "base64url").toString("utf8"));
    assert.equal(`${url.origin}${url.pathname}`, "https://sts.eu-west-1.amazonaws.com/");
    const q = url.searchParams;
    assert.deepEqual([...q.keys()].sort(), [
      "Action",
      "Version",
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-Expires",
      "X-Amz-Security-Token",
      "X-Amz-Signature",
      "X-Amz-SignedHeaders",
    ]);
    assert.equal(q.get("Action"), "GetCallerIdentity");
    assert.equal(q.get("X-Amz-Credential"), "AKIDEXAMPLE/20260101/eu-west-1/sts/aws4_request");
    assert.equal(q.get("X-Amz-Date"), "20260101T000000Z");
    assert.equal(q.get("X-Amz-Expires"), "60");
    assert.equal(q.get("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
    assert.equal(q.get("X-Amz-Security-Token"), "session/token+=");
    // the signature covers the cluster name: recomputed for it, it matches; for another, it does not
    const unsigned = new URL(url);
    unsigned.searchParams.delete("X-Amz-Signature");
    const scope = { service: "sts", region: "eu-west-1", credentials: suite, date: new Date("2026-01-01T00:00:00Z") };
    const check = (cluster: string) =>
      signature({ method: "GET", url: unsigned, headers: { "x-k8s-aws-id": cluster }, payloadHash: emptyHash }, scope)
        .signature;
    assert.equal(check("prod"), q.get("X-Amz-Signature"));
    assert.notEqual(check("staging"), q.get("X-Amz-Signature"));
  });
});
