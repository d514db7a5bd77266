/** A small dependency-free SVG line chart for the report (median points with min–max bars). */

export type Point = { x: number; median: number; min: number; max: number };
export type Series = { name: string; colour: string; points: Point[] };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChart(opts: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logX?: boolean;
  width?: number;
  height?: number;
}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 360;
  const pad = { left: 64, right: 150, top: 36, bottom: 48 };
  const all = opts.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.median));
  const fx = (x: number) => (opts.logX ? Math.log10(Math.max(x, 1e-9)) : x);
  const xs = all.map((p) => fx(p.x));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y1 = Math.max(...all.map((p) => (Number.isFinite(p.max) ? p.max : p.median)), 1e-9) * 1.1;
  const px = (x: number) =>
    pad.left + (x1 === x0 ? 0.5 : (fx(x) - x0) / (x1 - x0)) * (width - pad.left - pad.right);
  const py = (y: number) => height - pad.bottom - (y / y1) * (height - pad.top - pad.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${pad.left}" y="20" font-size="14" font-weight="bold">${esc(opts.title)}</text>`,
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#333"/>`,
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#333"/>`,
    `<text x="${(pad.left + width - pad.right) / 2}" y="${height - 10}" text-anchor="middle">${esc(opts.xLabel)}</text>`,
    `<text x="14" y="${(pad.top + height - pad.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(pad.top + height - pad.bottom) / 2})">${esc(opts.yLabel)}</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (y1 * i) / 4;
    parts.push(
      `<line x1="${pad.left - 4}" y1="${py(v)}" x2="${width - pad.right}" y2="${py(v)}" stroke="#ddd"/>`,
      `<text x="${pad.left - 8}" y="${py(v) + 4}" text-anchor="end">${v.toPrecision(3)}</text>`,
    );
  }
  const ticks = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  for (const t of ticks) {
    parts.push(
      `<text x="${px(t)}" y="${height - pad.bottom + 16}" text-anchor="middle">${t.toLocaleString('en')}</text>`,
    );
  }
  opts.series.forEach((s, k) => {
    const pts = s.points.filter((p) => Number.isFinite(p.median)).sort((a, b) => a.x - b.x);
    if (pts.length > 0) {
      parts.push(
        `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.map((p) => `${px(p.x)},${py(p.median)}`).join(' ')}"/>`,
      );
    }
    for (const p of pts) {
      if (Number.isFinite(p.min) && Number.isFinite(p.max)) {
        parts.push(
          `<line x1="${px(p.x)}" y1="${py(p.min)}" x2="${px(p.x)}" y2="${py(p.max)}" stroke="${s.colour}" stroke-width="1"/>`,
        );
      }
      parts.push(`<circle cx="${px(p.x)}" cy="${py(p.median)}" r="3" fill="${s.colour}"/>`);
    }
    const ly = pad.top + 10 + k * 18;
    parts.push(
      `<rect x="${width - pad.right + 12}" y="${ly - 8}" width="10" height="10" fill="${s.colour}"/>`,
      `<text x="${width - pad.right + 28}" y="${ly + 1}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
