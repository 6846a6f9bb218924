/**
 * The FIXED colour scale, in weighted events per square metre (see
 * weights.ts and kernel.ts). It never rescales to what is on screen: a quiet
 * week stays pale and one alert never becomes "the hottest spot" just because
 * it is alone (the top complaint about heat maps, ANCHORS.md).
 *
 * Reference points with the default 5 m radius: the centre of one blue event
 * is ≈ 0.04 /m² ("low"), one red event ≈ 0.32 /m² ("high"), three red events
 * on the same spot ≈ 0.96 /m² (just under "very high"), ten ≈ 3.2 ("extreme").
 * Between stops the colour is interpolated on a logarithmic density axis, so
 * each stop is a factor of the previous one, as the legend shows.
 */
export interface ColourStop {
  /** Density at which this colour is reached, weighted events per m². */
  readonly density: number;
  readonly rgba: readonly [number, number, number, number];
  /** Legend label key suffix (heat.level.<level>). */
  readonly level: 'trace' | 'low' | 'moderate' | 'high' | 'very-high' | 'extreme';
}

export const COLOUR_STOPS: readonly ColourStop[] = [
  { density: 0.01, rgba: [37, 99, 235, 0], level: 'trace' },
  { density: 0.03, rgba: [37, 99, 235, 110], level: 'low' },
  { density: 0.1, rgba: [6, 182, 212, 150], level: 'moderate' },
  { density: 0.3, rgba: [250, 204, 21, 180], level: 'high' },
  { density: 1, rgba: [249, 115, 22, 205], level: 'very-high' },
  { density: 3, rgba: [220, 38, 38, 230], level: 'extreme' },
];

/** LUT entries across the log axis from the first to the last stop. */
export const LUT_SIZE = 1024;

const LOG_MIN = Math.log(COLOUR_STOPS[0]?.density ?? 0.01);
const LOG_MAX = Math.log(COLOUR_STOPS[COLOUR_STOPS.length - 1]?.density ?? 3);

/** Colour of a density by interpolation between stops (transparent below the first, last colour above). */
export function colourAt(density: number): [number, number, number, number] {
  const first = COLOUR_STOPS[0];
  const last = COLOUR_STOPS[COLOUR_STOPS.length - 1];
  if (!first || !last || !(density > first.density)) return [0, 0, 0, 0];
  if (density >= last.density) return [...last.rgba];
  const ld = Math.log(density);
  for (let i = 1; i < COLOUR_STOPS.length; i++) {
    const a = COLOUR_STOPS[i - 1];
    const b = COLOUR_STOPS[i];
    if (!a || !b || density > b.density) continue;
    const t = (ld - Math.log(a.density)) / (Math.log(b.density) - Math.log(a.density));
    return [0, 1, 2, 3].map((k) => Math.round((a.rgba[k] ?? 0) + t * ((b.rgba[k] ?? 0) - (a.rgba[k] ?? 0)))) as [number, number, number, number];
  }
  return [...last.rgba];
}

/**
 * The LUT as packed RGBA bytes (little-endian Uint32 per entry, ready for a
 * Uint32Array view of ImageData), LUT_SIZE entries over the log axis.
 */
export function buildLut(): Uint32Array {
  const lut = new Uint32Array(LUT_SIZE);
  for (let i = 0; i < LUT_SIZE; i++) {
    const density = Math.exp(LOG_MIN + ((LOG_MAX - LOG_MIN) * i) / (LUT_SIZE - 1));
    const [r, g, b, a] = i === 0 ? [0, 0, 0, 0] : colourAt(density);
    lut[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  return lut;
}

/** LUT index of a density; 0 (transparent) at or below the first stop. */
export function lutIndex(density: number): number {
  if (!(density > (COLOUR_STOPS[0]?.density ?? 0.01))) return 0;
  const i = Math.round(((Math.log(density) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * (LUT_SIZE - 1));
  return i >= LUT_SIZE ? LUT_SIZE - 1 : i;
}

/** Legend: one swatch per stop above "trace", with its threshold. */
export function legendStops(): readonly { density: number; css: string; level: ColourStop['level'] }[] {
  return COLOUR_STOPS.slice(1).map((s) => ({
    density: s.density,
    level: s.level,
    css: `rgba(${s.rgba[0]}, ${s.rgba[1]}, ${s.rgba[2]}, ${(s.rgba[3] / 255).toFixed(2)})`,
  }));
}
