import { buildBoardPack } from './board-pack.builder';
import { renderBoardPackHtml } from './board-pack.html';
import type { BoardPackInputs } from './board-pack.types';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';

function pack(overrides: Partial<BoardPackInputs> = {}) {
  const figures = {
    wasteRecords: 12,
    occurrences: 30,
    minutesLost: 4321.5,
    minutesEliminated: 1200,
    eventsCompleted: 2,
    eventsSustained: 1,
    ideas: 7,
  };
  return buildBoardPack({
    meeting: { id: 'm', month: '2024-03', heldOn: '2024-03-21' },
    generatedAt: '2024-03-22T08:00:00.000Z',
    publishedAt: null,
    trusts: [{ id: A, code: 'RXW', name: 'The Shrewsbury and Telford Hospital NHS Trust' }],
    reports: [
      {
        trustId: A,
        progress: 'Theatre flow <script>alert(1)</script> improved',
        challenges: 'Staffing & "winter" pressure',
        asks: null,
        version: 1,
        updatedAt: '2024-03-20T08:00:00.000Z',
      },
    ],
    figures: {
      month: { byTrust: new Map([[A, figures]]), programme: figures },
      previousMonth: { byTrust: new Map(), programme: { ...figures, minutesLost: 0 } },
      yearToDate: { byTrust: new Map([[A, figures]]), programme: figures },
    },
    measures: [
      {
        id: 'm1',
        trustId: A,
        name: 'Four-hour <standard>',
        unit: '%',
        improvementDirection: 'up',
        target: 95,
        trendLength: 7,
        shiftLength: 7,
        points: [
          { periodStart: '2024-01-01', value: 80 },
          { periodStart: '2024-02-01', value: 82 },
          { periodStart: '2024-03-01', value: 84 },
        ],
      },
    ],
    valueStreams: [],
    checkIns: [
      {
        id: 'ci',
        commitmentId: 'c',
        commitmentText: 'Protected time for the meeting, without phones or laptops',
        party: 'all',
        category: 'behaviour',
        trustId: null,
        status: 'not_met',
        note: 'Phones <em>out</em> twice',
      },
    ],
    pendingChanges: 0,
    ...overrides,
  });
}

describe('renderBoardPackHtml', () => {
  it('is a printable A4 page with the trust, its figures, its measures and the Compact items', () => {
    const html = renderBoardPackHtml(pack());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@page { size: A4; margin: 15mm }');
    expect(html).toContain('The Shrewsbury and Telford Hospital NHS Trust (RXW)');
    expect(html).toContain('Board pack for March 2024');
    expect(html).toContain('4,321.5');
    expect(html).toContain('Four-hour &lt;standard&gt;');
    expect(html).toContain('Protected time for the meeting, without phones or laptops');
    expect(html).toContain('Not met');
    expect(html).toMatch(/<svg[^>]*class="chart sparkline"/);
    expect(html).toMatch(/<svg[^>]*class="chart bar-chart"/);
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes report text and notes instead of letting them become markup', () => {
    const html = renderBoardPackHtml(pack());
    expect(html).toContain('Theatre flow &lt;script&gt;alert(1)&lt;/script&gt; improved');
    expect(html).toContain('Staffing &amp; &quot;winter&quot; pressure');
    expect(html).toContain('Phones &lt;em&gt;out&lt;/em&gt; twice');
    expect(html).not.toContain('<em>out</em>');
  });

  it('says so when every check-in was met and when a trust filed no report', () => {
    const html = renderBoardPackHtml(pack({ checkIns: [], reports: [] }));
    expect(html).toContain('Every Compact check-in of March 2024 was met.');
    expect(html).toContain('No report was filed for this meeting.');
    expect(html).toContain('Draft, built');
  });
});
