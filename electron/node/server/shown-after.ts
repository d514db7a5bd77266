/**
 * Browser mode has no "page shown" signal from the renderer: a pack a page has been served for
 * this long counts as shown (as Electron's renderer would report it), and is committed.
 */
export const BROWSER_SHOWN_AFTER_MS = 60_000;
