// What the demo's improvement records are made of: the two value streams every trust maps, the
// steps of their current and future states, the improvement events a KPO runs on them and the
// measures a board watches. Figures are typical of an English acute trust; the seed varies them
// per trust.
import type { EventKind, MeasureDirection, MetricDirection, StepClassification } from '@app/domain';

export interface StepTemplate {
  name: string;
  waitTimeMinutes: number;
  cycleTimeMinutes: number;
  classification: StepClassification;
  percentCompleteAccurate: number;
  staff: number | null;
}

export interface StreamTemplate {
  key: 'ed' | 'outpatients';
  name: string;
  description: string;
  /** Range of the daily demand; the seed picks one per trust. */
  demandPerDay: [number, number];
  availableMinutesPerDay: number;
  current: { title: string; steps: StepTemplate[] };
  future: { title: string; steps: StepTemplate[] };
}

const step = (
  name: string,
  waitTimeMinutes: number,
  cycleTimeMinutes: number,
  classification: StepClassification,
  percentCompleteAccurate: number,
  staff: number | null = null,
): StepTemplate => ({ name, waitTimeMinutes, cycleTimeMinutes, classification, percentCompleteAccurate, staff });

const DAY = 1440;

export const STREAMS: StreamTemplate[] = [
  {
    key: 'ed',
    name: 'Emergency department to ward admission',
    description:
      'From arrival at the emergency department to the patient settled in a ward bed, for patients the ED decides to admit.',
    demandPerDay: [70, 115],
    availableMinutesPerDay: 1440,
    current: {
      title: 'ED to ward: current state',
      steps: [
        step('Arrival and booking in at reception', 6, 4, 'necessary_non_value_added', 95, 1),
        step('Triage by the streaming nurse', 22, 8, 'value_added', 88, 1),
        step('Wait for and assessment by an ED doctor', 78, 20, 'value_added', 85, 1),
        step('Bloods and cannulation', 15, 10, 'necessary_non_value_added', 92, 1),
        step('Imaging (X-ray or CT)', 48, 15, 'value_added', 95, 2),
        step('Results review and senior decision to admit', 42, 15, 'value_added', 87, 1),
        step('Referral to and clerking by the specialty team', 95, 30, 'necessary_non_value_added', 78, 1),
        step('Bed request to the site team', 20, 10, 'necessary_non_value_added', 72, 1),
        step('Waiting for a bed to be allocated and cleaned', 155, 5, 'waste', 70, 1),
        step('Porter transfer to the ward', 32, 15, 'necessary_non_value_added', 95, 1),
        step('Ward handover and admission', 25, 20, 'value_added', 84, 2),
      ],
    },
    future: {
      title: 'ED to ward: future state after the RPIW',
      steps: [
        step('Arrival, booking in and streaming at the front door', 4, 6, 'necessary_non_value_added', 97, 2),
        step('Rapid assessment and treatment by a senior clinician with bloods', 18, 25, 'value_added', 93, 3),
        step('Imaging requested from triage protocol', 25, 15, 'value_added', 96, 2),
        step('Decision to admit by the senior clinician', 20, 10, 'value_added', 94, 1),
        step('Specialty review in ED (in-reach)', 35, 20, 'value_added', 90, 1),
        step('Bed pulled by the ward from the site board', 30, 5, 'necessary_non_value_added', 90, 1),
        step('Porter transfer to the ward', 15, 15, 'necessary_non_value_added', 97, 1),
        step('Ward handover using SBAR at the bedside', 10, 15, 'value_added', 95, 2),
      ],
    },
  },
  {
    key: 'outpatients',
    name: 'Outpatient referral to first appointment',
    description:
      'From a GP referral arriving through the e-Referral Service to the patient seen at the first outpatient appointment.',
    demandPerDay: [150, 320],
    availableMinutesPerDay: 480,
    current: {
      title: 'Referral to first appointment: current state',
      steps: [
        step('Referral received and registered on the PAS', DAY, 5, 'necessary_non_value_added', 90, 1),
        step('Clinical triage by the consultant', 5 * DAY, 6, 'value_added', 84, 1),
        step('Referral returned to the GP for missing information', 3 * DAY, 10, 'waste', 60, 1),
        step('Added to the waiting list', DAY, 5, 'necessary_non_value_added', 95, 1),
        step('Waiting for a clinic slot', 35 * DAY, 2, 'waste', 100, null),
        step('Appointment booked by the booking team', 2 * DAY, 8, 'necessary_non_value_added', 86, 1),
        step('Appointment letter printed and posted', DAY, 3, 'necessary_non_value_added', 91, 1),
        step('Pre-clinic tests requested and done', 9 * DAY, 15, 'necessary_non_value_added', 80, 2),
        step('Check in at outpatient reception', 20, 3, 'necessary_non_value_added', 98, 1),
        step('Waiting in clinic', 35, 2, 'waste', 100, null),
        step('First consultation', 5, 20, 'value_added', 93, 1),
      ],
    },
    future: {
      title: 'Referral to first appointment: future state',
      steps: [
        step('Referral received with the single referral template', 2 * 60, 3, 'necessary_non_value_added', 97, 1),
        step('Advice and guidance or triage by the consultant', 2 * DAY, 6, 'value_added', 94, 1),
        step('Straight-to-test booking by protocol', DAY, 10, 'necessary_non_value_added', 92, 1),
        step('Patient books the slot online (direct booking)', 14 * DAY, 5, 'necessary_non_value_added', 96, null),
        step('Text reminder sent', 5 * DAY, 1, 'necessary_non_value_added', 99, null),
        step('Check in at the kiosk', 10, 2, 'necessary_non_value_added', 99, null),
        step('Waiting in clinic', 15, 2, 'waste', 100, null),
        step('One-stop first consultation with results', 5, 25, 'value_added', 96, 1),
      ],
    },
  },
];

export interface MetricTemplate {
  name: string;
  unit: string;
  direction: MetricDirection;
  /** Range of the baseline; the seed picks one per event. */
  baseline: [number, number];
  target: number;
  decimals: number;
}

export interface EventTemplate {
  kind: EventKind;
  title: string;
  problemStatement: string;
  /** Which of the trust's value streams the event works on, if one. */
  stream: 'ed' | 'outpatients' | null;
  metrics: MetricTemplate[];
}

const metric = (
  name: string,
  unit: string,
  direction: MetricDirection,
  baseline: [number, number],
  target: number,
  decimals = 0,
): MetricTemplate => ({ name, unit, direction, baseline, target, decimals });

/** Eight events per trust: two RPIWs, two kaizen events, three everyday lean ideas and a PDSA cycle. */
export const EVENTS: EventTemplate[] = [
  {
    kind: 'rpiw',
    title: 'RPIW: ED to ward, pulling beds from the ward',
    problemStatement:
      'Admitted patients wait over five hours in the ED for a bed; bed requests are pushed to wards that have not yet discharged.',
    stream: 'ed',
    metrics: [
      metric('Arrival to ward bed (median)', 'minutes', 'lower_is_better', [300, 370], 240),
      metric('Admitted patients in a bed within 4 hours', '%', 'higher_is_better', [52, 64], 80, 1),
    ],
  },
  {
    kind: 'rpiw',
    title: 'RPIW: outpatient referral to first appointment',
    problemStatement:
      'New patients wait twelve weeks for a first appointment; one referral in six is returned to the GP for missing information.',
    stream: 'outpatients',
    metrics: [
      metric('Referral to first appointment (median)', 'days', 'lower_is_better', [72, 95], 42),
      metric('Referrals returned for missing information', '%', 'lower_is_better', [14, 22], 5, 1),
      metric('First appointments not attended (DNA)', '%', 'lower_is_better', [9, 12], 6, 1),
    ],
  },
  {
    kind: 'kaizen',
    title: 'Kaizen: discharge lounge pull system',
    problemStatement: 'Most discharges leave the ward after 4 pm, so morning ED admissions wait for beds.',
    stream: 'ed',
    metrics: [
      metric('Discharges before noon', '%', 'higher_is_better', [13, 19], 30, 1),
      metric('Take-home medicines turnaround', 'minutes', 'lower_is_better', [150, 210], 90),
    ],
  },
  {
    kind: 'kaizen',
    title: 'Kaizen: outpatient booking standard work',
    problemStatement: 'Appointment letters carry wrong dates or clinics and patients ring to rebook.',
    stream: 'outpatients',
    metrics: [metric('Booking errors per 100 letters', 'errors', 'lower_is_better', [6, 9], 2, 1)],
  },
  {
    kind: 'everyday_lean_idea',
    title: 'Everyday lean idea: label blood bottles at the bedside',
    problemStatement: 'Samples labelled at the desk are rejected by the lab and the patient is bled again.',
    stream: 'ed',
    metrics: [metric('Rejected samples per week', 'samples', 'lower_is_better', [11, 18], 3)],
  },
  {
    kind: 'everyday_lean_idea',
    title: 'Everyday lean idea: shadow board for the resus trolley',
    problemStatement: 'Staff search for kit during resuscitation.',
    stream: null,
    metrics: [metric('Time to find resus kit', 'minutes', 'lower_is_better', [4, 6], 1, 1)],
  },
  {
    kind: 'everyday_lean_idea',
    title: 'Everyday lean idea: visual board of expected discharges',
    problemStatement: 'The site team cannot see which beds will free up today.',
    stream: null,
    metrics: [],
  },
  {
    kind: 'pdsa',
    title: 'PDSA: text reminders for first appointments',
    problemStatement: 'One first appointment in ten is not attended and the slot is lost.',
    stream: 'outpatients',
    metrics: [metric('First appointments not attended (DNA)', '%', 'lower_is_better', [9, 12], 6, 1)],
  },
];

export interface MeasureTemplate {
  name: string;
  unit: string;
  improvementDirection: MeasureDirection;
  target: number;
  /** Range of the first month's value; the seed picks one per trust. */
  start: [number, number];
  /** Change per month, before noise. */
  drift: number;
  /** Month-to-month noise (± this much). */
  noise: number;
  decimals: number;
  min: number;
  max: number;
}

export const MEASURES: MeasureTemplate[] = [
  {
    name: 'ED 4-hour performance',
    unit: '%',
    improvementDirection: 'up',
    target: 95,
    start: [71, 80],
    drift: 0.35,
    noise: 2.2,
    decimals: 1,
    min: 50,
    max: 99,
  },
  {
    name: 'Median referral to first appointment',
    unit: 'days',
    improvementDirection: 'down',
    target: 42,
    start: [70, 92],
    drift: -1.1,
    noise: 3.5,
    decimals: 0,
    min: 20,
    max: 140,
  },
  {
    name: 'Discharges before noon',
    unit: '%',
    improvementDirection: 'up',
    target: 33,
    start: [13, 19],
    drift: 0.3,
    noise: 1.8,
    decimals: 1,
    min: 5,
    max: 60,
  },
];
