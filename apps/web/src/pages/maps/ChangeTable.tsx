// The figures that changed between two maps of a value stream.
import type { MapComparison, MapMetrics } from '../../api/models';
import { fmtMinutes, fmtNumber, fmtPercent } from '../../ui/format';

const FIGURES: {
  key: keyof MapMetrics;
  label: string;
  show: (v: number | null) => string;
  lowerIsBetter: boolean | null;
}[] = [
  { key: 'leadTimeMinutes', label: 'Lead time', show: fmtMinutes, lowerIsBetter: true },
  { key: 'valueAddedMinutes', label: 'Value-added time', show: fmtMinutes, lowerIsBetter: null },
  { key: 'nonValueAddedMinutes', label: 'Non-value-added time', show: fmtMinutes, lowerIsBetter: true },
  {
    key: 'processCycleEfficiency',
    label: 'Process cycle efficiency',
    show: (v) => (v === null ? '–' : fmtPercent(v * 100)),
    lowerIsBetter: false,
  },
  { key: 'rolledPercentCompleteAccurate', label: 'Rolled %C&A', show: (v) => fmtPercent(v), lowerIsBetter: false },
  { key: 'taktTimeMinutes', label: 'Takt time', show: fmtMinutes, lowerIsBetter: null },
  { key: 'stepCount', label: 'Steps', show: (v) => (v === null ? '–' : String(v)), lowerIsBetter: true },
];

export function ChangeTable({
  comparison,
  fromTitle,
  toTitle,
}: {
  comparison: MapComparison;
  fromTitle: string;
  toTitle: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" className="num">
              {fromTitle}
            </th>
            <th scope="col" className="num">
              {toTitle}
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              Change %
            </th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => {
            const change = comparison.change[f.key];
            const abs = change?.absolute ?? null;
            const better =
              abs === null || abs === 0 || f.lowerIsBetter === null ? null : f.lowerIsBetter ? abs < 0 : abs > 0;
            const isPce = f.key === 'processCycleEfficiency';
            return (
              <tr key={f.key}>
                <th scope="row">{f.label}</th>
                <td className="num">{f.show(comparison.from[f.key])}</td>
                <td className="num">{f.show(comparison.to[f.key])}</td>
                <td className={`num${better === null ? '' : better ? ' better' : ' worse'}`}>
                  {abs === null
                    ? '–'
                    : `${abs > 0 ? '+' : ''}${isPce ? `${fmtNumber(abs * 100)} points` : f.key === 'rolledPercentCompleteAccurate' ? `${fmtNumber(abs)} points` : f.key === 'stepCount' ? abs : fmtMinutes(abs)}`}
                  {better !== null && <span className="visually-hidden">{better ? ' (better)' : ' (worse)'}</span>}
                </td>
                <td className="num">
                  {change?.percent === null || change?.percent === undefined
                    ? '–'
                    : `${change.percent > 0 ? '+' : ''}${fmtPercent(change.percent)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
