// The test cluster's certificates, made once with openssl: a CA, kube-apiserver's serving
// certificate, an admin client certificate (group system:masters) and the service-account key pair.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Pki {
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
  /** serving certificate of the identity services (and the tests' local stand-ins for cloud services) on loopback */
  identityCert: string;
  identityKey: string;
}

export function pkiFiles(dir: string): Pki {
  const f = (name: string) => join(dir, name);
  return {
    caCert: f("ca.crt"),
    caKey: f("ca.key"),
    servingCert: f("apiserver.crt"),
    servingKey: f("apiserver.key"),
    adminCert: f("admin.crt"),
    adminKey: f("admin.key"),
    serviceAccountKey: f("sa.key"),
    serviceAccountPublicKey: f("sa.pub"),
    identityCert: f("identity.crt"),
    identityKey: f("identity.key"),
  };
}

const servingNames = [
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local",
  "DNS:localhost",
  "IP:127.0.0.1",
  "IP:::1",
];

function openssl(dir: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

/** A key and a certificate signed by the CA. */
function issue(dir: string, name: string, subject: string, usage: string, altNames: string[]): void {
  const ext = [
    "basicConstraints = CA:FALSE",
    "keyUsage = critical, digitalSignature, keyEncipherment",
    `extendedKeyUsage = ${usage}`,
    "subjectKeyIdentifier = hash",
    "authorityKeyIdentifier = keyid",
    ...(altNames.length > 0 ? [`subjectAltName = ${altNames.join(", ")}`] : []),
    "",
  ].join("\n");
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, "genrsa", "-out", `${name}.key`, "2048");
  openssl(dir, "req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`);
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "36500",
    "-sha256",
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.crt`,
  );
}

/** Creates whatever is missing; existing files are kept so that kubeconfigs stay valid. */
export function ensurePki(dir: string): Pki {
  const pki = pkiFiles(dir);
  if (existsSync(pki.serviceAccountPublicKey)) {
    // added after the first clusters were made: issued on its own
    if (!existsSync(pki.identityCert))
      issue(dir, "identity", "/CN=kubeship-identity", "serverAuth", ["IP:127.0.0.1", "DNS:localhost"]);
    return pki;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  writeFileSync(
    join(dir, "ca.cnf"),
    [
      "[req]",
      "distinguished_name = dn",
      "prompt = no",
      "x509_extensions = v3_ca",
      "[dn]",
      "CN = kubeship-test-ca",
      "[v3_ca]",
      "basicConstraints = critical, CA:TRUE",
      "keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign",
      "subjectKeyIdentifier = hash",
      "",
    ].join("\n"),
  );
  openssl(dir, "genrsa", "-out", "ca.key", "2048");
  openssl(
    dir,
    "req",
    "-x509",
    "-new",
    "-config",
    "ca.cnf",
    "-key",
    "ca.key",
    "-sha256",
    "-days",
    "36500",
    "-out",
    "ca.crt",
  );

  // kube-apiserver, kwok's kubelet endpoint: serving. Both client and server, as kwok's endpoint needs both.
  issue(dir, "apiserver", "/CN=kube-apiserver", "serverAuth, clientAuth", servingNames);
  issue(dir, "admin", "/O=system:masters/CN=kubeship-admin", "clientAuth", []);
  issue(dir, "identity", "/CN=kubeship-identity", "serverAuth", ["IP:127.0.0.1", "DNS:localhost"]);
  openssl(dir, "genrsa", "-out", "sa.key", "2048");
  openssl(dir, "rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
  return pki;
}
