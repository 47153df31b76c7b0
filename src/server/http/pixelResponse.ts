import type { FastifyReply } from 'fastify';

/**
 * A 1×1 transparent GIF89a (43 bytes): a two-colour global table, a graphic control extension that
 * makes colour 0 transparent, and one LZW-coded pixel.
 */
export const PIXEL_GIF: Buffer = Buffer.from(
  '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);

/** Headers of every pixel response. Nothing depends on the request, so no response reveals an id's state. */
export const PIXEL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'image/gif',
  'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
  pragma: 'no-cache',
  expires: '0',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export function sendPixel(reply: FastifyReply): FastifyReply {
  return reply.code(200).headers(PIXEL_HEADERS).send(PIXEL_GIF);
}
