import type { FastifyInstance } from 'fastify';
import { assertSimulatorMayStart } from './guard';
import { createSimulatorApp } from './http/createApp';
import { IdentityProvider } from './identity/identityProvider';
import { registerIdentityRoutes } from './identity/routes';
import { registerGraphRoutes } from './graph/routes';
import { MailSystem } from './mail/mailSystem';
import { SIMULATED_ADDIN_CLIENT_ID, SIMULATED_API_CLIENT_ID } from './defaults';
import { DEFAULT_TENANT, type SimulatedTenant } from './users';

export interface SimulatorOptions {
  /** Loopback address to bind; anything else is refused. */
  host?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Inbound SMTP port; 0 picks a free one. */
  smtpPort?: number;
  tenant?: SimulatedTenant;
  apiClientId?: string;
  addinClientId?: string;
  /** See `MailSystemOptions.keepsAddinDispositionHeader`. */
  keepsAddinDispositionHeader?: boolean;
  /** Registers more routes (the simulated Outlook pages) before the server starts listening. */
  extraRoutes?: (app: FastifyInstance, simulator: SimulatorParts) => void | Promise<void>;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/** What route plugins of the simulator share. */
export interface SimulatorParts {
  identity: IdentityProvider;
  mail: MailSystem;
  tenant: SimulatedTenant;
  origin: () => string;
}

export interface RunningSimulator extends SimulatorParts {
  /** For example `http://127.0.0.1:3100`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the Microsoft 365 simulator in this process: the identity provider, Graph, the mail
 * system (with its own SMTP server) and any extra routes, all on loopback.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  assertSimulatorMayStart(host);
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const tenant = options.tenant ?? DEFAULT_TENANT;
  let origin = '';

  const identity = await IdentityProvider.create({
    tenant,
    apiClientId: options.apiClientId ?? SIMULATED_API_CLIENT_ID,
    addinClientId: options.addinClientId ?? SIMULATED_ADDIN_CLIENT_ID,
    origin: () => origin,
    now,
  });
  const mail = await MailSystem.start({
    tenant,
    host,
    smtpPort: options.smtpPort ?? 0,
    keepsAddinDispositionHeader: options.keepsAddinDispositionHeader ?? false,
    now,
    onError,
  });
  const parts: SimulatorParts = { identity, mail, tenant, origin: () => origin };

  const app = await createSimulatorApp();
  try {
    registerIdentityRoutes(app, identity);
    registerGraphRoutes(app, { identity, store: mail.store, tenant, origin: parts.origin });
    await options.extraRoutes?.(app, parts);
    const address = await app.listen({ host, port: options.port ?? 0 });
    origin = address.replace('://localhost', '://127.0.0.1');
  } catch (error) {
    await mail.close();
    await app.close();
    throw error;
  }

  return {
    ...parts,
    url: origin,
    async close() {
      await app.close();
      await mail.close();
    },
  };
}
