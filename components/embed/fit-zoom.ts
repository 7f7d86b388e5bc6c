/**
 * How much a presentation embed enlarges the network view so the drawing fills its stage. The
 * view lays itself out for its container's width at its own type sizes (14–20 units); under
 * CSS zoom the container is narrower in layout units, so the drawing is laid out narrower and
 * drawn larger: text grows with it. The drawing's height barely depends on its width, so the
 * zoom that fills the stage's height is the one to use, as long as the layout stays wide.
 */

/** Below this layout width the view turns tall (components/network/layout.ts, TALL_BELOW 560). */
const MIN_LAYOUT_WIDTH = 600;
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 2.5;

/**
 * The zoom for a stage of `stage` CSS px and a drawing `drawingHeight` units tall at zoom 1,
 * in steps of 0.02 (rounded down: never taller than the stage; and no re-layout for a pixel).
 */
export function fitZoom(stage: { readonly width: number; readonly height: number }, drawingHeight: number): number {
  if (!(stage.width > 0 && stage.height > 0 && drawingHeight > 0)) return 1;
  const z = Math.min(stage.height / drawingHeight, stage.width / MIN_LAYOUT_WIDTH, MAX_ZOOM);
  return Math.max(MIN_ZOOM, Math.floor(z * 50 + 1e-9) / 50);
}
