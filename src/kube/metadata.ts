// Asking for an object's metadata only: with this Accept header the API server answers a GET, a LIST or
// a write (its handlers pass every answer through the same conversion, k8s.io/apiserver
// pkg/endpoints/handlers/response.go) with a PartialObjectMetadata: name, uid, resourceVersion,
// generation, labels, annotations and managedFields, without the body. For a CRD of a megabyte of
// schema that is a few kilobytes. A server that cannot convert answers with the whole object (the
// second type), which every reader of these answers takes as well.
import type { KubeObject } from "./types.ts";

export const metadataOnly = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

/**
 * The object with the apiVersion and kind of the mapping: a PartialObjectMetadata and the items of a
 * LIST carry none of their own (meta.k8s.io/v1 PartialObjectMetadata, or nothing).
 */
export function typedAs(object: KubeObject, mapping: { group: string; version: string; kind: string }): KubeObject {
  const apiVersion = mapping.group === "" ? mapping.version : `${mapping.group}/${mapping.version}`;
  return { ...object, apiVersion, kind: mapping.kind };
}
