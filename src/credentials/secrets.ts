// Every form in which a secret could show up in a log: the value, each line of a multi-line value
// (the runner masks line by line, so a PEM key is masked by its body lines), and its base64 form.

/** Each base64 line of a PEM block (the BEGIN/END lines are not secret). */
export function pemSecretLines(pem: string): string[] {
  return pem
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("-----"));
}

/** The value and its derived forms, to register with the runner's masking. */
export function secretForms(secret: string): string[] {
  const trimmed = secret.trim();
  if (trimmed === "") return [];
  const forms = trimmed.includes("\n") ? pemSecretLines(trimmed) : [trimmed];
  forms.push(Buffer.from(trimmed).toString("base64"));
  if (trimmed !== secret) forms.push(Buffer.from(secret).toString("base64"));
  return forms;
}
