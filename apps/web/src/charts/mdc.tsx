// Making Data Count (NHS England) colours and icons for SPC: common cause grey, improvement blue,
// concern orange, neither purple; the variation and assurance icons as small inline SVG badges, always
// with words beside them (colour is never the only signal).
import type { PointType } from '../api/models';

/** The Making Data Count variation readings (the API sends them as strings; unknown ones show as none). */
export type Variation =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';
export type Assurance = 'pass' | 'fail' | 'inconsistent';

export const MDC = {
  common: '#A6A6A6',
  improvement: '#289DE0',
  concern: '#FAB428',
  neither: '#490092',
  /** Lines: mean, process limits, target. */
  mean: '#231f20',
  limit: '#7f7f7f',
  target: '#DA291C',
} as const;

export const POINT_COLOURS: Record<PointType, string> = {
  common_cause: MDC.common,
  special_cause_improvement: MDC.improvement,
  special_cause_concern: MDC.concern,
  special_cause_neither: MDC.neither,
};

export const POINT_LABELS: Record<PointType, string> = {
  common_cause: 'Common cause',
  special_cause_improvement: 'Special cause: improvement',
  special_cause_concern: 'Special cause: concern',
  special_cause_neither: 'Special cause: neither better nor worse',
};

/** The rule that flagged a special-cause point, in Making Data Count's words. */
export function ruleText(rule: string | null | undefined, trendLength = 7, shiftLength = 7): string {
  switch (rule) {
    case 'outside':
      return 'a point outside the process limits';
    case 'trend':
      return `a run of ${trendLength} points all increasing or all decreasing`;
    case 'two_of_three':
      return 'two out of three points near a process limit';
    case 'shift':
      return `a run of ${shiftLength} points all above or all below the mean`;
    default:
      return rule ? rule.replace(/_/g, ' ') : '';
  }
}

const VARIATION: Record<Variation, { colour: string; letter: string; text: string }> = {
  common_cause: { colour: MDC.common, letter: '~', text: 'Common cause variation' },
  improvement_high: { colour: MDC.improvement, letter: 'H', text: 'Special cause improvement (higher)' },
  improvement_low: { colour: MDC.improvement, letter: 'L', text: 'Special cause improvement (lower)' },
  concern_high: { colour: MDC.concern, letter: 'H', text: 'Special cause concern (higher)' },
  concern_low: { colour: MDC.concern, letter: 'L', text: 'Special cause concern (lower)' },
  neither_high: {
    colour: MDC.neither,
    letter: 'H',
    text: 'Special cause variation, neither better nor worse (higher)',
  },
  neither_low: { colour: MDC.neither, letter: 'L', text: 'Special cause variation, neither better nor worse (lower)' },
};

const ASSURANCE: Record<Assurance, { colour: string; letter: string; text: string }> = {
  pass: { colour: MDC.improvement, letter: 'P', text: 'Consistently meets the target' },
  fail: { colour: MDC.concern, letter: 'F', text: 'Consistently misses the target' },
  inconsistent: { colour: MDC.common, letter: '?', text: 'Hit and miss: the target may or may not be met' },
};

function Icon({ colour, letter, kind }: { colour: string; letter: string; kind: 'variation' | 'assurance' }) {
  // Variation icons are round, assurance icons square-ish, as in the MDC pack, so they differ in shape too.
  // Letters in a darker shade of the same hue where the MDC colour is too light to read on white.
  const ink: Record<string, string> = { [MDC.concern]: '#8a5a00', [MDC.common]: '#595959' };
  return (
    <svg className="mdc-icon" width="36" height="36" viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      {kind === 'variation' ? (
        <circle cx="18" cy="18" r="16" fill="#fff" stroke={colour} strokeWidth="3" />
      ) : (
        <rect x="2.5" y="2.5" width="31" height="31" rx="8" fill="#fff" stroke={colour} strokeWidth="3" />
      )}
      {letter === '~' ? (
        <path d="M8 19 q 3 -6 6 0 t 6 0 t 6 0" fill="none" stroke={colour} strokeWidth="2.5" strokeLinecap="round" />
      ) : (
        <text
          x="18"
          y="24"
          textAnchor="middle"
          fontSize="17"
          fontWeight="700"
          fill={ink[colour] ?? colour}
          fontFamily="Arial, sans-serif"
        >
          {letter}
        </text>
      )}
    </svg>
  );
}

export function VariationBadge({ variation }: { variation: string | null | undefined }) {
  if (!variation || !(variation in VARIATION))
    return <span className="mdc-badge mdc-badge--none">No variation reading (no data)</span>;
  const v = VARIATION[variation as Variation];
  return (
    <span className="mdc-badge" data-testid="variation-badge" data-variation={variation}>
      <Icon colour={v.colour} letter={v.letter} kind="variation" />
      <span>{v.text}</span>
    </span>
  );
}

export function AssuranceBadge({ assurance }: { assurance: string | null | undefined }) {
  if (!assurance || !(assurance in ASSURANCE))
    return (
      <span className="mdc-badge mdc-badge--none" data-testid="assurance-badge" data-assurance="none">
        No assurance reading (no target)
      </span>
    );
  const a = ASSURANCE[assurance as Assurance];
  return (
    <span className="mdc-badge" data-testid="assurance-badge" data-assurance={assurance}>
      <Icon colour={a.colour} letter={a.letter} kind="assurance" />
      <span>{a.text}</span>
    </span>
  );
}
