const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/report/place.ts
function placePrefix(source) {
  return source === void 0 || source.file === "" ? "" : `${source.file}:${source.line}: `;
}

export {
  placePrefix
};
