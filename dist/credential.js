const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  runCredentialPlugin
} from "./chunk-NPEOX2HE.js";
import "./chunk-ZA77GC67.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/credential.ts
process.exitCode = await runCredentialPlugin(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
