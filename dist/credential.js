import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  runCredentialPlugin
} from "./chunk-F55DMBZT.js";
import "./chunk-OC5NLUBW.js";
import "./chunk-LMXG5LAR.js";
import "./chunk-P5KS3NRE.js";
import "./chunk-XITDUTR7.js";

// src/credential.ts
process.exitCode = await runCredentialPlugin(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
