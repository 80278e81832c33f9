import { ApiProperty } from '@nestjs/swagger';

/** The one error body of the API (SPEC §4): every 4xx and 5xx answers this shape. */
export class ErrorDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'the HTTP reason phrase' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['observedOn must be a real calendar date as YYYY-MM-DD'],
    description: 'what is wrong; validation failures list one message per field and rule',
  })
  message!: string | string[];
}
