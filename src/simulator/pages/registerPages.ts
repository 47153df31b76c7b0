import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { SimulatorParts } from '../simulator';
import { readAddinCommands, type AddinCommands } from './manifestCommands';
import { registerPageApi } from './pageApi';
import { registerPageHtml } from './pageHtml';
import { repositoryRoot } from './repositoryRoot';
import { registerScriptRoutes } from './scriptRoutes';

export interface OutlookPagesOptions {
  /** Origin of the tracking server that serves `/addin/`, for example `http://127.0.0.1:3000`. */
  trackingServerUrl: string;
  /** Defaults to `manifest.xml` at the repository root. */
  manifestPath?: string;
  /** Replaces the manifest's commands, for tests that host a fixture add-in. */
  addinCommands?: AddinCommands;
}

/** Returns the `extraRoutes` hook that adds the simulated Outlook and webmail pages. */
export function outlookPages(
  options: OutlookPagesOptions,
): (app: FastifyInstance, parts: SimulatorParts) => void {
  const manifestPath = options.manifestPath ?? join(repositoryRoot(), 'manifest.xml');
  return (app, parts) => {
    registerScriptRoutes(app);
    registerPageHtml(app);
    registerPageApi(app, parts, {
      trackingServerUrl: options.trackingServerUrl,
      addinCommands: () =>
        options.addinCommands ?? readAddinCommands(manifestPath, options.trackingServerUrl),
    });
  };
}
