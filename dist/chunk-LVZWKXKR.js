import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/report/place.ts
function placePrefix(source) {
  return source === void 0 || source.file === "" ? "" : `${source.file}:${source.line}: `;
}

export {
  placePrefix
};
