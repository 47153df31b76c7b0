/**
 * Writes the add-in icons (assets/icon-<size>.png) with Node's zlib only: a blue disc with a
 * white open-envelope mark, drawn with 4x4 supersampling. Run `node build/makeIcons.js` after
 * changing the drawing; the PNGs are committed.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { Buffer } = require('node:buffer');

const ICON_SIZES = [16, 32, 64, 80, 128];
const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
const SUPERSAMPLING = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (`size * size * 4` bytes) as a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Returns the colour at (x, y) in a unit square, or null outside the disc. */
function shade(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  if (dx * dx + dy * dy > 0.25) {
    return null;
  }
  const inEnvelope = x >= 0.24 && x <= 0.76 && y >= 0.32 && y <= 0.68;
  const border = 0.06;
  const onEdge =
    inEnvelope && (x < 0.24 + border || x > 0.76 - border || y < 0.32 + border || y > 0.68 - border);
  // The flap: two lines from the top corners meeting in the middle of the envelope.
  const flapY = 0.32 + (0.5 - Math.abs(x - 0.5)) * 0.62;
  const onFlap = inEnvelope && Math.abs(y - flapY) < border * 0.8;
  return onEdge || onFlap ? WHITE : BLUE;
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLING * SUPERSAMPLING;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLING; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLING; sx += 1) {
          const colour = shade(
            (px + (sx + 0.5) / SUPERSAMPLING) / size,
            (py + (sy + 0.5) / SUPERSAMPLING) / size,
          );
          if (colour) {
            sum[0] += colour[0];
            sum[1] += colour[1];
            sum[2] += colour[2];
            sum[3] += 1;
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (sum[3] > 0) {
        rgba[offset] = Math.round(sum[0] / sum[3]);
        rgba[offset + 1] = Math.round(sum[1] / sum[3]);
        rgba[offset + 2] = Math.round(sum[2] / sum[3]);
        rgba[offset + 3] = Math.round((255 * sum[3]) / samples);
      }
    }
  }
  return encodePng(size, rgba);
}

if (require.main === module) {
  const folder = path.join(__dirname, '..', 'assets');
  fs.mkdirSync(folder, { recursive: true });
  for (const size of ICON_SIZES) {
    fs.writeFileSync(path.join(folder, `icon-${size}.png`), drawIcon(size));
  }
}

module.exports = { ICON_SIZES, encodePng };
