// The JSON API's DTO and the pure `validateWasteRow` (which the CSV import uses) must judge every
// record alike: the same fields fail, and the pure message is one the API also gives.
import { validateWasteRow, type WasteRowInput } from '@app/domain';
import { BadRequestException } from '@nestjs/common';
import { validationPipe } from '../../http/validation';
import { CreateWasteRecordDto } from './waste-record.dto';

// The DTO cannot know today; the service adds the "not in the future" rule. A far future "today"
// leaves that rule out of the pure side so the two sets of rules compare like for like.
const FAR_FUTURE = '9999-12-31';
const pipe = validationPipe();

async function dtoMessages(body: object): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: CreateWasteRecordDto });
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { message: string[] }).message;
  }
}

const fieldOf = (message: string) => message.split(' ')[0];

const valid = {
  observedOn: '2025-11-03',
  wasteType: 'defects',
  description: 'Discharge letters re-typed after coding errors',
  minutesLost: 20,
  patientImpact: 'high',
};

const U = '3f0c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const cases: [string, Record<string, unknown>][] = [
  ['a minimal record', {}],
  ['every field at its upper limit', { minutesLost: 10080, occurrences: 100000, description: 'x'.repeat(2000) }],
  ['every field at its lower limit', { observedOn: '2000-01-01', minutesLost: 0, occurrences: 1, description: 'x' }],
  ['decimal minutes', { minutesLost: 0.25 }],
  ['minutes with 3 decimal places', { minutesLost: 12.345 }],
  ['minutes too small to store', { minutesLost: 1e-7 }],
  ['minutes 0.29 (not 0.28999…)', { minutesLost: 0.29 }],
  ['minutes below 0', { minutesLost: -1 }],
  ['minutes above a week', { minutesLost: 10080.001 }],
  ['minutes as a string', { minutesLost: '20' }],
  ['minutes null', { minutesLost: null }],
  ['minutes missing', { minutesLost: undefined }],
  ['occurrences 0', { occurrences: 0 }],
  ['occurrences above the limit', { occurrences: 100001 }],
  ['occurrences a fraction', { occurrences: 2.5 }],
  ['occurrences as a string', { occurrences: '3' }],
  ['occurrences null', { occurrences: null }],
  ['an impossible date', { observedOn: '2025-02-29' }],
  ['a leap day', { observedOn: '2024-02-29' }],
  ['a date before 2000', { observedOn: '1999-12-31' }],
  ['a date with a time', { observedOn: '2025-11-03T10:00:00Z' }],
  ['a date as a number', { observedOn: 20251103 }],
  ['a date missing', { observedOn: undefined }],
  ['an unknown waste type', { wasteType: 'Waiting' }],
  ['waste type null', { wasteType: null }],
  ['an empty description', { description: '' }],
  ['a description too long', { description: 'x'.repeat(2001) }],
  ['a description with NUL', { description: 'a\u0000b' }],
  ['2000 emoji (4000 UTF-16 units)', { description: '\u{1F3E5}'.repeat(2000) }],
  ['2001 emoji', { description: '\u{1F3E5}'.repeat(2001) }],
  ['2000 characters with variation selectors', { description: '\u2764\uFE0F'.repeat(1000) }],
  ['2001 characters with variation selectors', { description: `x${'\u2764\uFE0F'.repeat(1000)}` }],
  ['a lone high surrogate', { description: 'before \uD800 after' }],
  ['a lone low surrogate', { description: '\uDC00' }],
  ['a description as an array', { description: ['a'] }],
  ['SQL and HTML kept as text', { description: `'); DROP TABLE waste_records; -- <script>alert(1)</script>` }],
  ['an unknown patient impact', { patientImpact: 'severe' }],
  ['an unknown status', { status: 'closed' }],
  ['status null', { status: null }],
  ['eliminated without a date', { status: 'eliminated' }],
  ['eliminated with a date', { status: 'eliminated', eliminatedOn: '2025-12-01' }],
  ['eliminatedOn without status', { eliminatedOn: '2025-12-01' }],
  ['eliminatedOn with another status', { status: 'accepted', eliminatedOn: '2025-12-01' }],
  ['eliminatedOn null with another status', { status: 'accepted', eliminatedOn: null }],
  ['eliminatedOn before observedOn', { status: 'eliminated', eliminatedOn: '2025-11-02' }],
  ['eliminatedOn not a date', { status: 'eliminated', eliminatedOn: 'soon' }],
  ['links as uuids', { valueStreamId: U, mapStepId: U, improvementEventId: U }],
  ['links null', { valueStreamId: null, mapStepId: null, improvementEventId: null }],
  ['links not uuids', { valueStreamId: 'vs-1', mapStepId: 7, improvementEventId: '' }],
  [
    'everything wrong at once',
    { observedOn: 'x', wasteType: 1, description: 1, minutesLost: 'x', occurrences: -1, patientImpact: 1, status: 1 },
  ],
];

describe('CreateWasteRecordDto and validateWasteRow', () => {
  it.each(cases)('agree on %s', async (_, overrides) => {
    const body: Record<string, unknown> = { ...valid, ...overrides };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];

    const apiMessages = await dtoMessages(body);
    const pureErrors = validateWasteRow(body as WasteRowInput, FAR_FUTURE);

    expect([...new Set(apiMessages.map(fieldOf))].sort()).toEqual(pureErrors.map((e) => e.field).sort());
    for (const { message } of pureErrors) expect(apiMessages).toContain(message);
  });

  it('covers both verdicts', async () => {
    const verdicts = await Promise.all(
      cases.map(async ([, overrides]) => (await dtoMessages({ ...valid, ...overrides })).length > 0),
    );
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it('refuses unknown fields, which the pure rules never see', async () => {
    expect(await dtoMessages({ ...valid, minutes: 5 })).toEqual(['property minutes should not exist']);
  });
});
