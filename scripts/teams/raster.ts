/**
 * A tiny anti-aliased rasterizer for icons: shapes are point tests with a bounding box, layers
 * are painted in order with "source over" blending, and edge pixels are supersampled.
 */
import { PNG } from 'pngjs';

// Local bindings: global lookups are slow inside sandboxes such as jest's vm contexts.
const { max, min, round, floor, ceil } = Math;

export interface Box { x0: number; y0: number; x1: number; y1: number }
export interface Shape { box: Box; contains(x: number, y: number): boolean }
export interface Rgba { r: number; g: number; b: number; a: number }
export interface Layer { shape: Shape; color: Rgba }

export function hexColor(hex: string, alpha = 255): Rgba {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a: alpha };
}

export const circle = (cx: number, cy: number, r: number): Shape => ({
  box: { x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r },
  contains: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
});

export const roundedRect = (x0: number, y0: number, x1: number, y1: number, radius: number): Shape => ({
  box: { x0, y0, x1, y1 },
  contains: (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = max(x0 + radius - x, 0, x - (x1 - radius));
    const dy = max(y0 + radius - y, 0, y - (y1 - radius));
    return dx * dx + dy * dy <= radius * radius;
  },
});

/** A line from a to b, `width` thick, with round caps. */
export const segment = (ax: number, ay: number, bx: number, by: number, width: number): Shape => {
  const half = width / 2;
  const vx = bx - ax;
  const vy = by - ay;
  const length2 = vx * vx + vy * vy;
  return {
    box: { x0: min(ax, bx) - half, y0: min(ay, by) - half, x1: max(ax, bx) + half, y1: max(ay, by) + half },
    contains: (x, y) => {
      const t = length2 === 0 ? 0 : max(0, min(1, ((x - ax) * vx + (y - ay) * vy) / length2));
      const px = ax + t * vx - x;
      const py = ay + t * vy - y;
      return px * px + py * py <= half * half;
    },
  };
};

export const union = (...shapes: Shape[]): Shape => ({
  box: {
    x0: min(...shapes.map((s) => s.box.x0)),
    y0: min(...shapes.map((s) => s.box.y0)),
    x1: max(...shapes.map((s) => s.box.x1)),
    y1: max(...shapes.map((s) => s.box.y1)),
  },
  contains: (x, y) => shapes.some((s) => s.contains(x, y)),
});

export const difference = (a: Shape, b: Shape): Shape => ({
  box: a.box,
  contains: (x, y) => a.contains(x, y) && !b.contains(x, y),
});

/** A polyline through the points, `width` thick, round joins. */
export const polyline = (points: Array<[number, number]>, width: number): Shape =>
  union(...points.slice(1).map(([bx, by], i) => segment(points[i]![0], points[i]![1], bx, by, width)));

/** The outline of a rounded rectangle, `width` thick, drawn inside its bounds. */
export const roundedFrame = (x0: number, y0: number, x1: number, y1: number, radius: number, width: number): Shape =>
  difference(roundedRect(x0, y0, x1, y1, radius), roundedRect(x0 + width, y0 + width, x1 - width, y1 - width, max(radius - width, 0)));

/**
 * The share of pixel (px, py) that the shape covers. A pixel whose corners and centre agree is
 * taken as fully in or out (shapes here are wider than a pixel); only edge pixels are supersampled.
 */
function coverage(shape: Shape, px: number, py: number, samples: number): number {
  const first = shape.contains(px, py);
  if (
    shape.contains(px + 1, py) === first &&
    shape.contains(px, py + 1) === first &&
    shape.contains(px + 1, py + 1) === first &&
    shape.contains(px + 0.5, py + 0.5) === first
  ) {
    return first ? 1 : 0;
  }
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      if (shape.contains(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
    }
  }
  return hits / (samples * samples);
}

/** Paints the layers onto a transparent size x size canvas and returns the PNG (RGBA) bytes. */
export function render(size: number, layers: Layer[], samples = 4): Buffer {
  const premultiplied = new Float64Array(size * size * 4); // r, g, b, a in 0..1
  for (const { shape, color } of layers) {
    const opacity = color.a / 255;
    const [r, g, b] = [color.r / 255, color.g / 255, color.b / 255];
    for (let py = max(0, floor(shape.box.y0)); py < min(size, ceil(shape.box.y1)); py++) {
      for (let px = max(0, floor(shape.box.x0)); px < min(size, ceil(shape.box.x1)); px++) {
        const alpha = coverage(shape, px, py, samples) * opacity;
        if (alpha === 0) continue;
        const i = (py * size + px) * 4;
        premultiplied[i] = r * alpha + premultiplied[i]! * (1 - alpha);
        premultiplied[i + 1] = g * alpha + premultiplied[i + 1]! * (1 - alpha);
        premultiplied[i + 2] = b * alpha + premultiplied[i + 2]! * (1 - alpha);
        premultiplied[i + 3] = alpha + premultiplied[i + 3]! * (1 - alpha);
      }
    }
  }
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let i = 0; i < premultiplied.length; i += 4) {
    const a = premultiplied[i + 3]!;
    for (let c = 0; c < 3; c++) png.data[i + c] = a > 0 ? round((premultiplied[i + c]! / a) * 255) : 0;
    png.data[i + 3] = round(a * 255);
  }
  // One fixed filter: pngjs's adaptive choice is slow in sandboxes and gains little on flat icons.
  return PNG.sync.write(png, { filterType: 4 });
}
