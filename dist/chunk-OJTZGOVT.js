const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/credentials/errors.ts
var CredentialsError = class extends Error {
  name = "CredentialsError";
};

// src/credentials/secrets.ts
function pemSecretLines(pem) {
  return pem.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("-----"));
}
function secretForms(secret) {
  const trimmed = secret.trim();
  if (trimmed === "") return [];
  const forms = trimmed.includes("\n") ? pemSecretLines(trimmed) : [trimmed];
  forms.push(Buffer.from(trimmed).toString("base64"));
  if (trimmed !== secret) forms.push(Buffer.from(secret).toString("base64"));
  return forms;
}

export {
  CredentialsError,
  pemSecretLines,
  secretForms
};
