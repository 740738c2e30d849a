const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/credentials/authenticators/issued-token.ts
function renewalTime(token) {
  const issued = token.issuedAt.getTime();
  return issued + 0.8 * (token.expiresAt.getTime() - issued);
}
function jwtClaims(token) {
  try {
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? claims : {};
  } catch {
    return {};
  }
}
function expiringIn(token, seconds, issuedAt = /* @__PURE__ */ new Date()) {
  const lifetime = typeof seconds === "number" ? seconds : Number(seconds);
  const ms = Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 1e3 : 3e5;
  return { token, issuedAt, expiresAt: new Date(issuedAt.getTime() + ms) };
}

export {
  renewalTime,
  jwtClaims,
  expiringIn
};
