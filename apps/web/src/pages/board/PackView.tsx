// The board pack as read on screen (and printed): figures, maps, discussion items.
import type { RollupTotals } from '../../api/models';
import type { BoardPack, PackFigureSet } from './pack';
import { Card, Tag } from '../../ui/components';
import { fmtInt, fmtMinutes, fmtMonth, fmtNumber, fmtPercent } from '../../ui/format';
import { PackMeasureCard } from './PackMeasureCard';

const FIGURE_ROWS: { key: keyof RollupTotals; label: string; minutes?: boolean }[] = [
  { key: 'wasteRecords', label: 'Waste records' },
  { key: 'minutesLost', label: 'Minutes lost', minutes: true },
  { key: 'minutesEliminated', label: 'Minutes eliminated', minutes: true },
  { key: 'eventsCompleted', label: 'Events completed' },
  { key: 'eventsSustained', label: 'Events sustained' },
  { key: 'ideas', label: 'Everyday lean ideas' },
];

function FiguresTable({ figures, pack, caption }: { figures: PackFigureSet; pack: BoardPack; caption: string }) {
  return (
    <table className="table table--compact figures">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col" className="num">
            {fmtMonth(pack.periods.month.month)}
          </th>
          <th scope="col" className="num">
            {fmtMonth(pack.periods.previousMonth.month)}
          </th>
          <th scope="col" className="num">
            Year to date
          </th>
        </tr>
      </thead>
      <tbody>
        {FIGURE_ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {(['month', 'previousMonth', 'yearToDate'] as const).map((period) => (
              <td className="num" key={period}>
                {row.minutes ? fmtMinutes(figures[period][row.key]) : fmtInt(figures[period][row.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PackView({ pack }: { pack: BoardPack }) {
  return (
    <div className="pack" data-testid="board-pack">
      <Card title="Programme">
        <FiguresTable figures={pack.programme.figures} pack={pack} caption="Programme figures" />
      </Card>
      <Card title="The Compact: for open discussion" testId="compact-discussion">
        {pack.compactDiscussion.length === 0 ? (
          <p className="empty">Every check-in this month says the commitments were met.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Party</th>
                  <th scope="col">Commitment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {pack.compactDiscussion.map((item) => (
                  <tr key={item.checkInId}>
                    <td>{item.trustCode ?? 'Regulator'}</td>
                    <td>{item.commitmentText}</td>
                    <td>
                      <Tag value={item.status} />
                    </td>
                    <td className="prewrap">{item.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {pack.trusts.map((trust) => (
        <Card
          key={trust.trustId}
          title={
            <>
              {trust.code} <span className="muted">{trust.name}</span>
            </>
          }
          className="pack__trust"
        >
          <div className="grid grid--2">
            <div>
              <h3 className="subheading">Report from the CEO</h3>
              {trust.report ? (
                <dl className="report">
                  <dt>Progress</dt>
                  <dd className="prewrap">{trust.report.progress}</dd>
                  <dt>Challenges</dt>
                  <dd className="prewrap">{trust.report.challenges}</dd>
                  {trust.report.asks && (
                    <>
                      <dt>Asks of the board</dt>
                      <dd className="prewrap">{trust.report.asks}</dd>
                    </>
                  )}
                </dl>
              ) : (
                <p className="empty">No report submitted yet.</p>
              )}
            </div>
            <div>
              <h3 className="subheading">Figures</h3>
              <FiguresTable figures={trust.figures} pack={pack} caption={`${trust.name} figures`} />
            </div>
          </div>
          {trust.measures.length > 0 && (
            <>
              <h3 className="subheading">Measures</h3>
              <div className="pack-measures">
                {trust.measures.map((m) => (
                  <PackMeasureCard key={m.measureId} measure={m} />
                ))}
              </div>
            </>
          )}
          {trust.valueStreams.length > 0 && (
            <>
              <h3 className="subheading">Value streams</h3>
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">Value stream</th>
                    <th scope="col" className="num">
                      Current PCE
                    </th>
                    <th scope="col" className="num">
                      Future PCE
                    </th>
                    <th scope="col" className="num">
                      Change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trust.valueStreams.map((vs) => (
                    <tr key={vs.valueStreamId}>
                      <th scope="row">{vs.name}</th>
                      <td className="num">
                        {vs.current?.processCycleEfficiency == null
                          ? '–'
                          : fmtPercent(vs.current.processCycleEfficiency * 100)}
                      </td>
                      <td className="num">
                        {vs.future?.processCycleEfficiency == null
                          ? '–'
                          : fmtPercent(vs.future.processCycleEfficiency * 100)}
                      </td>
                      <td className="num">
                        {vs.processCycleEfficiencyChange.absolute === null
                          ? '–'
                          : `${fmtNumber(vs.processCycleEfficiencyChange.absolute * 100)} points`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
      ))}
    </div>
  );
}
