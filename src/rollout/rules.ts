// Readiness rules: one small pure function per kind, in one table. Kinds without a rule are ready
// once applied. Deployment follows `kubectl rollout status` exactly.
import { conditionOf, type KubeObject } from "../kube/types.ts";

export type ReadinessState = "ready" | "in-progress" | "failed";

export interface Readiness {
  state: ReadinessState;
  /** one line, for the log and the summary */
  message: string;
}

export type ReadinessRule = (object: KubeObject) => Readiness;

interface DeploymentFields {
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

export function deploymentReadiness(object: KubeObject): Readiness {
  const { spec, status } = object as KubeObject & DeploymentFields;
  const name = object.metadata.name ?? "";
  if ((object.metadata.generation ?? 0) > (status?.observedGeneration ?? 0)) {
    return { state: "in-progress", message: "waiting for the deployment spec update to be observed" };
  }
  const progressing = conditionOf(object, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return { state: "failed", message: `deployment ${name} exceeded its progress deadline${progressing.message ? `: ${progressing.message}` : ""}` };
  }
  const updated = status?.updatedReplicas ?? 0;
  const replicas = status?.replicas ?? 0;
  const available = status?.availableReplicas ?? 0;
  if (spec?.replicas !== undefined && updated < spec.replicas) {
    return { state: "in-progress", message: `${updated} of ${spec.replicas} new replicas updated` };
  }
  if (replicas > updated) {
    return { state: "in-progress", message: `${replicas - updated} old replicas pending termination` };
  }
  if (available < updated) {
    return { state: "in-progress", message: `${available} of ${updated} updated replicas available` };
  }
  return { state: "ready", message: `successfully rolled out (${available} available)` };
}

export function customResourceDefinitionReadiness(object: KubeObject): Readiness {
  const namesAccepted = conditionOf(object, "NamesAccepted");
  if (namesAccepted?.status === "False") {
    return { state: "failed", message: `names not accepted: ${namesAccepted.message ?? namesAccepted.reason ?? ""}` };
  }
  const established = conditionOf(object, "Established");
  if (established?.status === "True") return { state: "ready", message: "established" };
  return { state: "in-progress", message: `not established yet${established?.reason ? ` (${established.reason})` : ""}` };
}

export function apiServiceReadiness(object: KubeObject): Readiness {
  const available = conditionOf(object, "Available");
  if (available?.status === "True") return { state: "ready", message: "available" };
  return { state: "in-progress", message: `not available yet${available?.message ? `: ${available.message}` : ""}` };
}

/** `group/Kind` → rule. */
export const readinessRules: Readonly<Record<string, ReadinessRule>> = {
  "apps/Deployment": deploymentReadiness,
  "apiextensions.k8s.io/CustomResourceDefinition": customResourceDefinitionReadiness,
  "apiregistration.k8s.io/APIService": apiServiceReadiness,
};

export function ruleFor(group: string, kind: string): ReadinessRule | undefined {
  return readinessRules[`${group}/${kind}`];
}
