// SigV4 against AWS's published examples: the values and signatures are those of AWS's documentation
// (the signature test suite's get-vanilla, and the S3 examples of header signing and presigned URLs).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { presign, signHeaders, signature } from "../../src/credentials/sigv4.ts";

const suite = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const s3 = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("SigV4", () => {
  it("signs the test suite's get-vanilla request", () => {
    const date = new Date("2015-08-30T12:36:00Z");
    const headers = signHeaders("GET", "https://example.amazonaws.com/", {}, "", { service: "service", region: "us-east-1", credentials: suite, date });
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
    const url = presign("GET", "https://examplebucket.s3.amazonaws.com/test.txt", {}, 86400, { service: "s3", region: "us-east-1", credentials: s3, date }, "UNSIGNED-PAYLOAD");
    assert.equal(new URL(url).searchParams.get("X-Amz-Signature"), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  });
});
