const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/deadline.ts
var Interrupted = class extends Error {
  name = "Interrupted";
  /** `waiting for the API server to answer GET /version at https://…` */
  waitingFor;
  /** what to look at besides the timeout: `check that the plugin …` */
  check;
  constructor(waitingFor, check, reason) {
    super(`stopped while ${waitingFor}`, { cause: reason });
    this.waitingFor = waitingFor;
    this.check = check;
  }
};
function interruptionOf(error) {
  for (let e = error, depth = 0; e !== void 0 && e !== null && depth < 8; depth++) {
    if (e instanceof Interrupted) return e;
    e = e.cause;
  }
  return void 0;
}
function durationText(ms) {
  if (ms < 6e4 || ms % 1e3 !== 0) return `${Number((ms / 1e3).toFixed(1))}s`;
  const h = Math.floor(ms / 36e5);
  const m = Math.floor(ms % 36e5 / 6e4);
  const s = ms % 6e4 / 1e3;
  return `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 ? `${s}s` : ""}`;
}
function eitherSignal(a, b) {
  if (a === void 0) return b;
  if (b === void 0 || a === b) return a;
  return AbortSignal.any([a, b]);
}
function monotonicMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

export {
  Interrupted,
  interruptionOf,
  durationText,
  eitherSignal,
  monotonicMs
};
