// Kubernetes' naming rules (apimachinery's validation): namespaces are DNS-1123 labels, most other
// names and API groups DNS-1123 subdomains.

export const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A namespace's name: a DNS-1123 label of at most 63 characters. */
export function isNamespaceName(value: string): boolean {
  return value.length <= 63 && dns1123Label.test(value);
}
