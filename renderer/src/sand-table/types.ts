/**
 * Shared shapes of the sand-table module. Table space: metres-free "table units", x grows east,
 * z grows south (three.js convention, y up), so north is −z.
 */

/** A point on the table plane. */
export type TablePoint = { x: number; z: number };

/** A point in table space with height. */
export type Vec3 = { x: number; y: number; z: number };

/** A point on screen in CSS pixels, origin top-left. */
export type ScreenPoint = { x: number; y: number };

/**
 * Camera pose in table space: a target on the table, a distance from it, a tilt above the table
 * plane in degrees (90 looks straight down) and a heading in degrees clockwise from north.
 */
export type TablePose = { x: number; z: number; distance: number; tilt: number; heading: number };

/** Size of the drawing surface in CSS pixels. */
export type Viewport = { width: number; height: number };

/** Rectangle of the table the camera target may roam. */
export type TableRect = { minX: number; maxX: number; minZ: number; maxZ: number };

/** A rectangle on screen in CSS px. */
export type ScreenRect = { left: number; top: number; right: number; bottom: number };
