// Pure: the board pack as one printable A4 page (print stylesheet, inline SVG charts, no scripts).
// Every piece of text from the data is escaped: reports and notes are free text written by people.
import type { Assurance, Variation } from '@app/domain';
import type {
  BoardPack,
  PackFigures,
  PackFigureSet,
  PackMeasure,
  PackTrust,
  PackValueStream,
} from './board-pack.types';
import { dateName, escapeHtml as e, formatNumber, formatShare, instantName, monthName } from './html';
import { barChartSvg, sparklineSvg } from './svg-charts';

const FIGURE_LABELS: Array<[keyof PackFigures, string]> = [
  ['wasteRecords', 'Waste records'],
  ['occurrences', 'Occurrences of waste'],
  ['minutesLost', 'Minutes lost to waste'],
  ['minutesEliminated', 'Minutes eliminated'],
  ['eventsCompleted', 'Improvement events completed'],
  ['eventsSustained', 'Improvement events sustained'],
  ['ideas', 'Everyday lean ideas'],
];

const VARIATION_LABELS: Record<Variation, string> = {
  common_cause: 'Common cause',
  improvement_high: 'Special cause: improvement (high)',
  improvement_low: 'Special cause: improvement (low)',
  concern_high: 'Special cause: concern (high)',
  concern_low: 'Special cause: concern (low)',
  neither_high: 'Special cause (high)',
  neither_low: 'Special cause (low)',
};

const ASSURANCE_LABELS: Record<Assurance, string> = {
  pass: 'Consistently passes the target',
  fail: 'Consistently fails the target',
  inconsistent: 'Hit and miss',
};

const STATUS_LABELS: Record<string, string> = { met: 'Met', partly_met: 'Partly met', not_met: 'Not met' };
const PARTY_LABELS: Record<string, string> = {
  regulator: 'Regulator',
  trust: 'Trusts',
  institute: 'Institute',
  all: 'All partners',
};

const STYLE = `
@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { font: 10pt/1.45 "Frutiger W01", Arial, Helvetica, sans-serif; color: #212b32; margin: 0 auto; max-width: 180mm; padding: 12mm 0 }
h1 { font-size: 20pt; color: #005eb8; margin: 0 0 2mm }
h2 { font-size: 14pt; color: #005eb8; border-bottom: 2px solid #005eb8; padding-bottom: 1mm; margin: 8mm 0 3mm }
h3 { font-size: 11pt; margin: 5mm 0 2mm }
p { margin: 0 0 2mm }
.muted { color: #4c6272 }
.notice { border-left: 4px solid #ffb81c; padding: 1mm 3mm; background: #fff9ec }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm }
th, td { border-bottom: 1px solid #d8dde0; padding: 1.2mm 2mm; text-align: left; vertical-align: top }
th { font-weight: 600; background: #f0f4f5 }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums }
td.num { white-space: nowrap }
.report-text { white-space: pre-wrap }
.chart { display: block; margin: 1mm 0 }
table.trust-summary td:first-child { width: 40% }
.status-not_met { color: #d5281b; font-weight: 600 }
.status-partly_met { color: #8a5300; font-weight: 600 }
section.trust { break-before: page }
table, figure, .report, h2, h3 { break-inside: avoid }
h2, h3 { break-after: avoid }
figure { margin: 0 0 3mm }
figcaption { font-size: 9pt; color: #4c6272 }
@media screen { body { padding: 12mm 6mm } }
@media print { body { max-width: none; padding: 0 } }
`;

export function renderBoardPackHtml(pack: BoardPack): string {
  const title = `Board pack: ${monthName(pack.month)}`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    cover(pack),
    ...pack.trusts.map((trust) => trustSection(pack, trust)),
    programmeSection(pack),
    compactSection(pack),
    '</body>',
    '</html>',
  ].join('\n');
}

function cover(pack: BoardPack): string {
  const status = pack.published
    ? `<p>Published ${e(instantName(pack.publishedAt ?? ''))}. These are the figures the board received; they do not change.</p>`
    : `<p class="notice">Draft, built ${e(instantName(pack.generatedAt))}. The figures change until the pack is published.</p>`;
  const pending =
    pack.pendingChanges > 0
      ? `<p class="muted">${e(formatNumber(pack.pendingChanges, 0))} recorded change(s) were not yet in the rollups when this pack was built.</p>`
      : '';
  return `<header>
<h1>Transformation Guiding Board</h1>
<p><strong>Board pack for ${e(monthName(pack.month))}</strong>${pack.heldOn ? `: meeting held on ${e(dateName(pack.heldOn))}` : ''}</p>
${status}
${pending}
<p class="muted">Figures for ${e(monthName(pack.periods.month.month))}, the month before (${e(monthName(pack.periods.previousMonth.month))}) and the year to date (${e(dateName(pack.periods.yearToDate.from))} to ${e(dateName(pack.periods.yearToDate.to))}).</p>
<p>Contents: ${pack.trusts.map((t) => e(t.name)).join('; ')}; programme totals; the Compact.</p>
</header>`;
}

function figureTable(figures: PackFigureSet, pack: BoardPack): string {
  const rows = FIGURE_LABELS.map(([key, label]) => {
    const now = figures.month[key];
    const before = figures.previousMonth[key];
    const change = now - before;
    return `<tr><th scope="row">${e(label)}</th><td class="num">${e(formatNumber(now))}</td><td class="num">${e(formatNumber(before))}</td><td class="num">${change > 0 ? '+' : ''}${e(formatNumber(change))}</td><td class="num">${e(formatNumber(figures.yearToDate[key]))}</td></tr>`;
  });
  return `<table class="figures">
<thead><tr><th></th><th class="num">${e(monthName(pack.periods.month.month))}</th><th class="num">${e(monthName(pack.periods.previousMonth.month))}</th><th class="num">Change</th><th class="num">Year to date</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}

function reportBlock(trust: PackTrust): string {
  if (!trust.report) return '<p class="muted">No report was filed for this meeting.</p>';
  const part = (heading: string, text: string | null) =>
    text ? `<h4>${e(heading)}</h4><p class="report-text">${e(text)}</p>` : '';
  return `<div class="report">${part('Progress', trust.report.progress)}${part('Challenges', trust.report.challenges)}${part('Asks of the board', trust.report.asks)}</div>`;
}

function measureRow(m: PackMeasure): string {
  const spark = sparklineSvg(m.recentPoints, {
    title: `${m.name}: last ${m.recentPoints.length} points`,
    mean: m.mean,
    upper: m.upperProcessLimit,
    lower: m.lowerProcessLimit,
    target: m.target,
  });
  const latest = m.latest ? `${formatNumber(m.latest.value, 2)} ${m.unit}` : '—';
  return `<tr><td>${e(m.name)}</td><td class="num">${e(latest)}${m.latest ? `<br><span class="muted">${e(m.latest.periodStart)}</span>` : ''}</td><td class="num">${e(m.target === null ? '—' : formatNumber(m.target, 2))}</td><td>${e(m.variation ? VARIATION_LABELS[m.variation] : '—')}</td><td>${e(m.assurance ? ASSURANCE_LABELS[m.assurance] : '—')}</td><td>${spark}</td></tr>`;
}

function valueStreamRow(v: PackValueStream): string {
  const pce = (map: PackValueStream['current']) =>
    map ? `${formatShare(map.processCycleEfficiency)}<br><span class="muted">${map.mappedOn}</span>` : '—';
  const change = v.processCycleEfficiencyChange.absolute;
  return `<tr><td>${e(v.name)}</td><td class="num">${pce(v.current)}</td><td class="num">${pce(v.future)}</td><td class="num">${change === null ? '—' : `${change > 0 ? '+' : ''}${e(formatNumber(change * 100))} points`}</td></tr>`;
}

function trustSection(pack: BoardPack, trust: PackTrust): string {
  const measures = trust.measures.length
    ? `<table class="measures"><thead><tr><th>Measure</th><th class="num">Latest</th><th class="num">Target</th><th>Variation</th><th>Assurance</th><th>Recent points</th></tr></thead><tbody>${trust.measures.map(measureRow).join('')}</tbody></table>`
    : '<p class="muted">No measures reported.</p>';
  const streams = trust.valueStreams.length
    ? `<table class="value-streams"><thead><tr><th>Value stream</th><th class="num">Current state PCE</th><th class="num">Future state PCE</th><th class="num">Change</th></tr></thead><tbody>${trust.valueStreams.map(valueStreamRow).join('')}</tbody></table>`
    : '<p class="muted">No value stream mapped by the end of the month.</p>';
  return `<section class="trust" id="trust-${e(trust.code)}">
<h2>${e(trust.name)} (${e(trust.code)})</h2>
<h3>Chief executive's report</h3>
${reportBlock(trust)}
<h3>Figures</h3>
${figureTable(trust.figures, pack)}
<h3>Measures (statistical process control)</h3>
${measures}
<h3>Value streams: process cycle efficiency</h3>
${streams}
</section>`;
}

function programmeSection(pack: BoardPack): string {
  const bars = (key: keyof PackFigures) => pack.trusts.map((t) => ({ label: t.code, value: t.figures.month[key] }));
  const rows = pack.trusts
    .map(
      (t) =>
        `<tr><td>${e(t.name)}</td>${(
          ['wasteRecords', 'minutesLost', 'minutesEliminated', 'eventsCompleted', 'ideas'] as const
        )
          .map((k) => `<td class="num">${e(formatNumber(t.figures.month[k]))}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<section class="programme">
<h2>Programme totals</h2>
${figureTable(pack.programme.figures, pack)}
<h3>Trusts in ${e(monthName(pack.month))}</h3>
<table class="trust-summary"><thead><tr><th>Trust</th><th class="num">Waste records</th><th class="num">Minutes lost</th><th class="num">Minutes eliminated</th><th class="num">Events completed</th><th class="num">Ideas</th></tr></thead><tbody>${rows}</tbody></table>
<figure>${barChartSvg(bars('minutesLost'), { title: `Minutes lost to waste by trust, ${monthName(pack.month)}`, colour: '#425563' })}<figcaption>Minutes lost to waste by trust, ${e(monthName(pack.month))}</figcaption></figure>
<figure>${barChartSvg(bars('minutesEliminated'), { title: `Minutes eliminated by trust, ${monthName(pack.month)}` })}<figcaption>Minutes eliminated by trust, ${e(monthName(pack.month))}</figcaption></figure>
</section>`;
}

function compactSection(pack: BoardPack): string {
  const body = pack.compactDiscussion.length
    ? `<table class="compact"><thead><tr><th>Who</th><th>Commitment</th><th>Status</th><th>Note</th></tr></thead><tbody>${pack.compactDiscussion
        .map(
          (item) =>
            `<tr><td>${e(item.trustName ?? 'Regulator')}</td><td>${e(item.commitmentText)}<br><span class="muted">${e(PARTY_LABELS[item.party] ?? item.party)}, ${e(item.category)}</span></td><td class="status-${e(item.status)}">${e(STATUS_LABELS[item.status] ?? item.status)}</td><td class="report-text">${e(item.note ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>Every Compact check-in of ${e(monthName(pack.month))} was met.</p>`;
  return `<section class="compact-discussion">
<h2>The Compact: for open discussion</h2>
<p class="muted">Commitments a partner did not fully keep this month. They are discussed openly, in good faith, not to blame.</p>
${body}
</section>`;
}
