/**
 * Turns the development manifest (manifest.xml, URLs on https://localhost:3000) into the manifest
 * of a build, whose URLs use the configured public origin.
 */
const DEVELOPMENT_ORIGIN = 'https://localhost:3000';

/**
 * Returns `manifestXml` with every development URL moved to `publicUrl` (an origin). Comments are
 * dropped, because they describe the development file.
 */
function manifestForOrigin(manifestXml, publicUrl) {
  const withoutComments = manifestXml.replace(/<!--[\s\S]*?-->\s*/g, '');
  return withoutComments.split(DEVELOPMENT_ORIGIN).join(publicUrl.replace(/\/+$/, ''));
}

/** Returns the add-in id, the text of the manifest's `<Id>` element. */
function manifestId(manifestXml) {
  const match = /<Id>\s*([0-9a-fA-F-]{36})\s*<\/Id>/.exec(manifestXml);
  if (!match) {
    throw new Error('manifest.xml has no <Id> with a GUID; add one (it names the custom properties).');
  }
  return match[1].toLowerCase();
}

module.exports = { DEVELOPMENT_ORIGIN, manifestForOrigin, manifestId };
