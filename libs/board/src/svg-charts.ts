// Pure: inline SVG charts of the printable board pack. Plain strings with every label escaped, fixed
// sizes in px (the browser scales them to print), no scripts, so the page prints as it looks.
import type { PointType } from '@app/domain';
import { escapeHtml, formatNumber } from './html';

export interface Bar {
  label: string;
  value: number;
}

/** Making Data Count colours: improvement blue, concern orange, neither purple, common cause grey. */
export const POINT_COLOURS: Record<PointType, string> = {
  common_cause: '#7f7f7f',
  special_cause_improvement: '#2b8cbe',
  special_cause_concern: '#e6550d',
  special_cause_neither: '#7b3294',
};

const round = (n: number) => Math.round(n * 10) / 10;

/** Horizontal bars, one per label, scaled to the largest value; values printed at the bar's end. */
export function barChartSvg(bars: readonly Bar[], options: { title: string; width?: number; colour?: string }): string {
  const width = options.width ?? 480;
  const labelWidth = 56;
  const valueWidth = 72;
  const barHeight = 16;
  const gap = 6;
  const height = Math.max(1, bars.length) * (barHeight + gap) + gap;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const span = width - labelWidth - valueWidth;
  const rows = bars.map((bar, i) => {
    const y = gap + i * (barHeight + gap);
    const length = max > 0 ? round((Math.max(0, bar.value) / max) * span) : 0;
    return (
      `<text x="${labelWidth - 6}" y="${y + barHeight - 4}" text-anchor="end">${escapeHtml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${length}" height="${barHeight}" fill="${options.colour ?? '#005eb8'}"/>` +
      `<text x="${labelWidth + length + 4}" y="${y + barHeight - 4}">${escapeHtml(formatNumber(bar.value))}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}" font-size="11">` +
    `<title>${escapeHtml(options.title)}</title>${rows.join('')}</svg>`
  );
}

export interface SparklinePoint {
  value: number;
  pointType?: PointType;
}

/**
 * A small SPC line: the points (coloured by their SPC type), the mean (solid grey), the process
 * limits (dashed grey) and the target (dashed red) when given.
 */
export function sparklineSvg(
  points: readonly SparklinePoint[],
  options: {
    title: string;
    mean?: number | null;
    upper?: number | null;
    lower?: number | null;
    target?: number | null;
    width?: number;
    height?: number;
  },
): string {
  const width = options.width ?? 160;
  const height = options.height ?? 40;
  const pad = 4;
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart sparkline" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title)}">` +
    `<title>${escapeHtml(options.title)}</title>`;
  if (points.length === 0) return `${head}</svg>`;
  const levels = [options.mean, options.upper, options.lower, options.target].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );
  const all = [...points.map((p) => p.value), ...levels];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const x = (i: number) => round(points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => round(height - pad - ((v - low) / (high - low)) * (height - 2 * pad));
  const line = (v: number | null | undefined, stroke: string, dash: string | null) =>
    typeof v === 'number' && Number.isFinite(v)
      ? `<line x1="${pad}" x2="${width - pad}" y1="${y(v)}" y2="${y(v)}" stroke="${stroke}" stroke-width="1"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      : '';
  const path = points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ');
  const dots = points
    .map(
      (p, i) =>
        `<circle cx="${x(i)}" cy="${y(p.value)}" r="2" fill="${POINT_COLOURS[p.pointType ?? 'common_cause']}"/>`,
    )
    .join('');
  return (
    head +
    line(options.upper, '#a0a0a0', '3 2') +
    line(options.lower, '#a0a0a0', '3 2') +
    line(options.mean, '#7f7f7f', null) +
    line(options.target, '#d5281b', '2 2') +
    `<polyline points="${path}" fill="none" stroke="#425563" stroke-width="1"/>` +
    dots +
    '</svg>'
  );
}
