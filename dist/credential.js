const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  runCredentialPlugin
} from "./chunk-R4MWV76Z.js";
import "./chunk-ZA77GC67.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LVHBZWBE.js";
import "./chunk-RCV5BOJ3.js";

// src/credential.ts
process.exitCode = await runCredentialPlugin(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
