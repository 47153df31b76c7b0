/**
 * webpack plugin that adds the files the bundles do not import: the icons under assets/ and the
 * manifest rewritten for the configured public origin (served as /addin/manifest.xml).
 */
const fs = require('node:fs');
const path = require('node:path');
const { ICON_SIZES } = require('./makeIcons');
const { manifestForOrigin } = require('./manifest');

const ROOT = path.join(__dirname, '..');

class EmitAddinFiles {
  constructor({ publicUrl }) {
    this.publicUrl = publicUrl;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('EmitAddinFiles', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitAddinFiles', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const size of ICON_SIZES) {
            const file = path.join(ROOT, 'assets', `icon-${size}.png`);
            compilation.fileDependencies.add(file);
            compilation.emitAsset(`assets/icon-${size}.png`, new sources.RawSource(fs.readFileSync(file)));
          }
          const manifestFile = path.join(ROOT, 'manifest.xml');
          compilation.fileDependencies.add(manifestFile);
          const manifest = manifestForOrigin(fs.readFileSync(manifestFile, 'utf8'), this.publicUrl);
          compilation.emitAsset('manifest.xml', new sources.RawSource(manifest));
        },
      );
    });
  }
}

module.exports = { EmitAddinFiles };
