/**
 * A CPTS's colour as the pages can use it: white text on it (buttons, the header) must keep the
 * 4.5:1 contrast WCAG 2.1 AA asks of normal text, so a colour too light is darkened, in steps,
 * until it does. `#rrggbb` in, `#rrggbb` out.
 */
export function accessibleBrandColour(hex: string): string {
  let rgb = parse(hex);
  for (let step = 0; step < 40 && contrastWithWhite(rgb) < 4.5; step++) {
    rgb = rgb.map((channel) => Math.floor(channel * 0.92)) as [number, number, number];
  }
  return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

export function contrastWithWhite(rgb: readonly [number, number, number]): number {
  return 1.05 / (relativeLuminance(rgb) + 0.05);
}

function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function parse(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}
