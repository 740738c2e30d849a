// Types for the undici modules kube/undici.ts imports by path (undici types only its index).
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module "undici/lib/dispatcher/proxy-agent.js" {
  import type { ProxyAgent } from "undici";
  const ProxyAgentClass: typeof ProxyAgent;
  export default ProxyAgentClass;
}

declare module "undici/lib/dispatcher/dispatcher.js" {
  const Dispatcher: { prototype: object };
  export default Dispatcher;
}

declare module "undici/lib/api/index.js" {
  const api: Record<string, unknown>;
  export default api;
}
