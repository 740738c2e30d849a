const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/kube/types.ts
function describeRef(ref) {
  return ref.namespace === void 0 ? `${ref.kind}/${ref.name}` : `${ref.kind}/${ref.namespace}/${ref.name}`;
}
function isSecret(object) {
  return object.kind === "Secret" && object.apiVersion === "v1";
}
function groupOf(apiVersion) {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
function versionOf(apiVersion) {
  return apiVersion.slice(apiVersion.indexOf("/") + 1);
}
function groupKind(group, kind) {
  return group === "" ? kind : `${kind}.${group}`;
}
var crdKind = "CustomResourceDefinition.apiextensions.k8s.io";
function isStatus(value) {
  return typeof value === "object" && value !== null && value.kind === "Status";
}
function conditionOf(object, type) {
  const status = object.status;
  return status?.conditions?.find((c) => c.type === type);
}

export {
  describeRef,
  isSecret,
  groupOf,
  versionOf,
  groupKind,
  crdKind,
  isStatus,
  conditionOf
};
