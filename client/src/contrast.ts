/**
 * WCAG contrast for colours a space's owner picks: their accent is used for headings and links, so it
 * is darkened (on light panels) or lightened (on dark ones) just enough to read at 4.5:1. The hue
 * stays theirs; an orange accent on white becomes a deeper orange instead of 2:1 text.
 */
type Rgb = readonly [number, number, number];

export function parseHex(colour: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` itself when it reads on `bg` at `min`:1, else the nearest shade of it that does. Non-hex colours pass through. */
export function readableOn(fg: string, bg: string, min = 4.5): string {
  const f = parseHex(fg);
  const b = parseHex(bg);
  if (!f || !b || contrastRatio(f, b) >= min) return fg;
  const target = luminance(b) > 0.18 ? 0 : 255; // darken on light panels, lighten on dark ones
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = f.map((v) => v + (target - v) * t) as unknown as Rgb;
    if (contrastRatio(mixed, b) >= min) return toHex(mixed);
  }
  return target === 0 ? '#000000' : '#ffffff';
}
