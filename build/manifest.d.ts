export const DEVELOPMENT_ORIGIN: string;

/** Returns `manifestXml` with every development URL moved to `publicUrl` (an origin). */
export function manifestForOrigin(manifestXml: string, publicUrl: string): string;
