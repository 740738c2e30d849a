const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  renewalTime
} from "./chunk-ZA77GC67.js";

// src/credentials/authenticators/renewing.ts
var RenewingTokenAuthenticator = class {
  description;
  options;
  issued;
  obtaining;
  /** the Authorization of the token obtained after a 401, if that is the one in use */
  renewedAfterRefusal;
  constructor(options) {
    this.options = options;
    this.description = options.description;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  credential(issued) {
    return { authorization: `Bearer ${issued.token}`, expiresAt: issued.expiresAt };
  }
  async current() {
    return this.credential(await this.token());
  }
  /** The token to use now, renewed first when it reached 80% of its lifetime. */
  async token() {
    const issued = this.issued;
    if (issued !== void 0 && this.now() < renewalTime(issued)) return issued;
    return this.obtain();
  }
  async renew(rejected) {
    if (this.issued !== void 0 && this.credential(this.issued).authorization !== rejected.authorization) return true;
    if (rejected.authorization === this.renewedAfterRefusal) return false;
    this.options.info?.(`The cluster refused the token (401) before it was due for renewal: obtaining a new one`);
    this.issued = void 0;
    const renewed = await this.obtain();
    this.renewedAfterRefusal = this.credential(renewed).authorization;
    return true;
  }
  async kubeconfigUser() {
    return this.options.exported(await this.token());
  }
  whenRejected() {
    return this.options.rejected?.(this.issued?.token ?? "");
  }
  obtain() {
    this.obtaining ??= this.options.obtain().then((issued) => {
      this.issued = issued;
      return issued;
    }).finally(() => this.obtaining = void 0);
    return this.obtaining;
  }
};

export {
  RenewingTokenAuthenticator
};
