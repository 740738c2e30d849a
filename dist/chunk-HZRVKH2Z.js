const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/result.ts
function deletedMembers(result) {
  return result.mode === "apply" ? result.pruned.filter((p) => p.kept === void 0) : [];
}
function changedCount(result) {
  return result.objects.filter((o) => o.action !== "unchanged").length + deletedMembers(result).length;
}
function objectCount(result) {
  return result.objects.length + deletedMembers(result).length;
}

export {
  deletedMembers,
  changedCount,
  objectCount
};
