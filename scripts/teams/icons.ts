/**
 * The two Teams icons, drawn in code: an envelope with a check-mark badge.
 * color.png: 192x192, full colour on the accent background, glyph inside the central safe area.
 * outline.png: 32x32, white on transparent only (Teams outline icon rules).
 */
import { circle, difference, hexColor, polyline, render, roundedFrame, roundedRect, union } from './raster';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const WHITE = hexColor('#FFFFFF');
const CHECK_GREEN = hexColor('#2E9E5B');

export function drawColorIcon(accentColor: string): Buffer {
  const accent = hexColor(accentColor);
  const badge = { cx: 132, cy: 122, r: 25 };
  return render(COLOR_ICON_SIZE, [
    { shape: roundedRect(0, 0, COLOR_ICON_SIZE, COLOR_ICON_SIZE, 0), color: accent },
    // Envelope: body and flap.
    { shape: roundedFrame(34, 50, 140, 124, 10, 8), color: WHITE },
    { shape: polyline([[42, 58], [87, 92], [132, 58]], 8), color: WHITE },
    // Badge: a gap in the accent colour, then a white disc with a green check.
    { shape: circle(badge.cx, badge.cy, badge.r + 6), color: accent },
    { shape: circle(badge.cx, badge.cy, badge.r), color: WHITE },
    { shape: polyline([[badge.cx - 12, badge.cy + 1], [badge.cx - 3, badge.cy + 10], [badge.cx + 12, badge.cy - 8]], 7), color: CHECK_GREEN },
  ]);
}

export function drawOutlineIcon(): Buffer {
  const badge = { cx: 24, cy: 22, r: 7.5 };
  const gap = circle(badge.cx, badge.cy, badge.r + 1.5);
  const envelope = union(roundedFrame(2, 6, 26, 24, 2.5, 2), polyline([[4.5, 8.5], [14, 15.5], [23.5, 8.5]], 2));
  return render(OUTLINE_ICON_SIZE, [
    { shape: difference(envelope, gap), color: WHITE },
    { shape: difference(circle(badge.cx, badge.cy, badge.r), polyline([[20.2, 22.2], [23, 25], [27.8, 19.6]], 2.2)), color: WHITE },
  ]);
}
