import { barChartSvg, sparklineSvg } from './svg-charts';
import { escapeHtml, formatNumber, formatShare, instantName, monthName } from './html';

describe('html helpers', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
    expect(escapeHtml(null)).toBe('');
  });

  it('formats numbers the same on every server locale', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.9');
    expect(formatNumber(1200)).toBe('1,200');
    expect(formatNumber(-5.25, 2)).toBe('−5.25');
    expect(formatNumber(null)).toBe('—');
    expect(formatShare(0.1234)).toBe('12.3%');
    expect(monthName('2024-03')).toBe('March 2024');
    expect(instantName('2024-03-07T09:05:00.000Z')).toBe('7 March 2024 at 09:05 UTC');
  });
});

describe('barChartSvg', () => {
  it('draws one bar per label, the largest full width, and escapes labels', () => {
    const svg = barChartSvg(
      [
        { label: 'AAA', value: 50 },
        { label: '<b>', value: 100 },
        { label: 'CCC', value: 0 },
      ],
      { title: 'Minutes & more', width: 400 },
    );
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBe(400 - 56 - 72);
    expect(widths[0]).toBe(widths[1] / 2);
    expect(widths[2]).toBe(0);
    expect(svg).toContain('&lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('<title>Minutes &amp; more</title>');
    expect(svg).toContain('>100<');
  });

  it('draws empty bars when every value is zero', () => {
    expect(barChartSvg([{ label: 'A', value: 0 }], { title: 't' })).toContain('width="0"');
  });
});

describe('sparklineSvg', () => {
  it('plots every point inside the box, coloured by its SPC type, with the mean and limits', () => {
    const svg = sparklineSvg(
      [
        { value: 1, pointType: 'common_cause' },
        { value: 5, pointType: 'special_cause_improvement' },
        { value: 3, pointType: 'special_cause_concern' },
      ],
      { title: 'Measure', mean: 3, upper: 6, lower: 0, width: 100, height: 40 },
    );
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="2" fill="([^"]+)"/g)];
    expect(circles).toHaveLength(3);
    for (const [, cx, cy] of circles) {
      expect(Number(cx)).toBeGreaterThanOrEqual(0);
      expect(Number(cx)).toBeLessThanOrEqual(100);
      expect(Number(cy)).toBeGreaterThanOrEqual(0);
      expect(Number(cy)).toBeLessThanOrEqual(40);
    }
    // grey for common cause, blue for improvement, orange for concern (the MDC icon colours' roles)
    expect(circles.map((c) => c[3])).toEqual(['#7f7f7f', '#2b8cbe', '#e6550d']);
    // Higher values sit higher on the page (smaller y).
    expect(Number(circles[1][2])).toBeLessThan(Number(circles[0][2]));
    expect(svg.match(/<line /g)).toHaveLength(3);
  });

  it('copes with no points and with a flat series', () => {
    expect(sparklineSvg([], { title: 'none' })).toMatch(/^<svg[^>]*>.*<\/svg>$/);
    expect(sparklineSvg([{ value: 2 }, { value: 2 }], { title: 'flat' })).not.toContain('NaN');
  });
});
