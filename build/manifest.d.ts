export const DEVELOPMENT_ORIGIN: string;

/** Returns `manifestXml` with every development URL moved to `publicUrl` (an origin). */
export function manifestForOrigin(manifestXml: string, publicUrl: string): string;

/** Returns the add-in id, the text of the manifest's `<Id>` element; throws when it is missing. */
export function manifestId(manifestXml: string): string;
