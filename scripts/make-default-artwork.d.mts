/** Types of scripts/make-default-artwork.mjs, for the tests that import it. */
export type PictureSpec = {
  id: string;
  dir: string;
  name: string;
  alt: Record<string, string>;
  draw(canvas: unknown): void;
};
export type ArtworkData = {
  manifest: {
    places: Array<{ id: string }>;
    timelines: Array<{ events: Array<{ id: string }> }>;
    media: Record<
      string,
      { kind: string; src: Record<string, string> | string; thumbnail?: string; alt?: Record<string, string> }
    >;
  };
  rivers: unknown;
  place(id: string): unknown;
};
export const W: number;
export const H: number;
export const THUMB_W: number;
export const THUMB_H: number;
export function loadData(): ArtworkData;
export function pictureSpecs(data: ArtworkData): PictureSpec[];
export function inputsHash(data?: ArtworkData): string;
export function drawPicture(spec: PictureSpec, lang: string | null): Buffer;
export function webp(png: Buffer, quality: number): Buffer;
export function picturePaths(spec: PictureSpec): {
  src?: Record<string, string>;
  thumbnail: string;
  poster?: string;
};
export class Canvas {
  constructor(lang: string, textFree: boolean);
}
