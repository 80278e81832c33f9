import { Public, Roles } from '@app/auth';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { derivedErrors, finishDocument, schemaRulesOf } from './contract-rules';

@Controller('things')
class ThingsController {
  @Get()
  @Roles('admin', 'kpo_lead', 'improvement_team', 'trust_ceo', 'regulator')
  list() {}

  @Post(':id')
  @Roles('admin')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: object) {
    return [id, body];
  }

  @Get('open')
  @Public()
  open() {}

  @Post(':id/publish')
  @Roles('admin')
  publish(@Param('id', ParseUUIDPipe) id: string) {
    return id;
  }
}

const errorsOf = (name: keyof ThingsController) =>
  derivedErrors({ controller: ThingsController, handler: ThingsController.prototype[name] });

describe('schemaRulesOf', () => {
  it('turns class-validator rules into JSON Schema keywords', () => {
    expect(schemaRulesOf({ name: 'isInt', constraints: [], each: false })).toEqual({ type: 'integer' });
    expect(schemaRulesOf({ name: 'isLength', constraints: [1, 200], each: false })).toEqual({
      minLength: 1,
      maxLength: 200,
    });
    expect(schemaRulesOf({ name: 'matches', constraints: [/^\d{4}-(0[1-9]|1[0-2])$/], each: false })).toEqual({
      pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
    });
    expect(schemaRulesOf({ name: 'isPositive', constraints: [], each: false })).toEqual({
      minimum: 0,
      exclusiveMinimum: true,
    });
    expect(schemaRulesOf({ name: 'isCalendarDate', constraints: [], each: false })).toEqual({ format: 'date' });
    expect(schemaRulesOf({ name: 'isAcceptablePassword', constraints: [], each: false })).toEqual({});
  });
});

describe('derivedErrors', () => {
  it('declares what guards, pipes and the body parser can answer', () => {
    expect(errorsOf('list')).toEqual([401, 503]);
    expect(errorsOf('update')).toEqual([400, 401, 403, 404, 409, 413, 415, 503]);
    expect(errorsOf('open')).toEqual([503]);
    // no declared body, but the JSON parser still reads whatever a write sends
    expect(errorsOf('publish')).toEqual([400, 401, 403, 404, 409, 413, 415, 503]);
  });
});

describe('finishDocument', () => {
  it('closes request bodies and what they hold, and gives public routes an empty security list', () => {
    const document = finishDocument({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
            responses: {},
          },
        },
      },
      components: {
        schemas: {
          A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
          B: { type: 'object' },
          C: { type: 'object' },
        },
      },
    });
    const schemas = document.components!.schemas as Record<string, { additionalProperties?: boolean }>;
    expect([schemas.A.additionalProperties, schemas.B.additionalProperties, schemas.C.additionalProperties]).toEqual([
      false,
      false,
      undefined,
    ]);
    expect(document.paths['/a'].post!.security).toEqual([]);
  });
});
