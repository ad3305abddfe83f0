import http from "node:http";
import { SledAgentClient } from "../sled-agent/client.ts";

/** One client (and keep-alive socket pool) per sled-agent address. */
export class ClientPool {
  private readonly clients = new Map<string, SledAgentClient>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  constructor(private readonly timeoutMs: number) {}

  get(address: string): SledAgentClient {
    let c = this.clients.get(address);
    if (!c) {
      c = new SledAgentClient({ baseUrl: address, timeoutMs: this.timeoutMs, agent: this.agent });
      this.clients.set(address, c);
    }
    return c;
  }

  close(): void {
    this.agent.destroy();
    this.clients.clear();
  }
}
