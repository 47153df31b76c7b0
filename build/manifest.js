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

module.exports = { DEVELOPMENT_ORIGIN, manifestForOrigin };
