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

/** Creates whatever is missing; existing files are kept so that kubeconfigs stay valid. */
export function ensurePki(dir: string): Pki {
  const pki = pkiFiles(dir);
  if (existsSync(pki.serviceAccountPublicKey)) return pki;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });

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
  openssl("genrsa", "-out", "ca.key", "2048");
  openssl("req", "-x509", "-new", "-config", "ca.cnf", "-key", "ca.key", "-sha256", "-days", "36500", "-out", "ca.crt");

  const issue = (name: string, subject: string, usage: string, altNames: string[]) => {
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
    openssl("genrsa", "-out", `${name}.key`, "2048");
    openssl("req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`);
    openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "36500", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.crt`);
  };
  // kube-apiserver, kwok's kubelet endpoint: serving. Both client and server, as kwok's endpoint needs both.
  issue("apiserver", "/CN=kube-apiserver", "serverAuth, clientAuth", servingNames);
  issue("admin", "/O=system:masters/CN=kubeship-admin", "clientAuth", []);
  openssl("genrsa", "-out", "sa.key", "2048");
  openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
  return pki;
}
