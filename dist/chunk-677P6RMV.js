const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  CredentialsError,
  secretForms
} from "./chunk-OJTZGOVT.js";

// src/credentials/authenticators/token-file.ts
import { readFile } from "node:fs/promises";
var rereadAfterMs = 6e4;
var TokenFileAuthenticator = class {
  description;
  options;
  token;
  readAt = 0;
  constructor(options) {
    this.options = options;
    this.description = `the token in ${options.path} (re-read as it changes)`;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  /** Reads the file; keeps the last good token (or the inline one) when it cannot be read. */
  async read() {
    this.readAt = this.now();
    try {
      const token2 = (await readFile(this.options.path, "utf8")).trim();
      if (token2 !== "") {
        if (token2 !== this.token) for (const form of secretForms(token2)) this.options.mask(form);
        this.token = token2;
      }
    } catch (error) {
      if (this.token === void 0 && this.options.fallback === void 0) {
        const code = error.code ?? "unreadable";
        throw new CredentialsError(
          `${this.options.what}: ${this.options.path} cannot be read (${code}); check the path, or mount the token there`
        );
      }
    }
    const token = this.token ?? this.options.fallback;
    if (token === void 0 || token === "")
      throw new CredentialsError(`${this.options.what}: ${this.options.path} is empty`);
    return token;
  }
  async current() {
    const token = this.token !== void 0 && this.now() - this.readAt < rereadAfterMs ? this.token : await this.read();
    return { authorization: `Bearer ${token}` };
  }
  async renew(rejected) {
    const token = await this.read();
    return `Bearer ${token}` !== rejected.authorization;
  }
  kubeconfigUser() {
    return Promise.resolve({ tokenFile: this.options.path });
  }
  /** Reads the file now, so that a missing file is reported before anything else happens. */
  async check() {
    await this.read();
  }
};

export {
  TokenFileAuthenticator
};
