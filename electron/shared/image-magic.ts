/** Telling an image file's format by its first bytes, the same in every world (no Node, no DOM). */

/** Does a file start like a JPEG (FF D8 FF)? */
export function startsLikeJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
