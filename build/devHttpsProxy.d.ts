import type { Server } from 'node:https';

/** Starts the HTTPS proxy on `port`, forwarding to `target` (an http:// origin). */
export function startDevHttpsProxy(options: {
  port: number;
  target: string;
  tls: { key: string | Buffer; cert: string | Buffer };
}): Promise<Server>;
