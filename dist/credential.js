import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  runCredentialPlugin
} from "./chunk-IZGKYUBR.js";
import "./chunk-XITDUTR7.js";

// src/credential.ts
process.exitCode = await runCredentialPlugin(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
