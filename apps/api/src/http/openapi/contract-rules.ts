// Makes the OpenAPI document say what the server does, from the same metadata the server runs on:
// request schemas take their rules from the class-validator decorators, and every route declares
// the error answers its guards, pipes and body parser can give. Applied once before the document
// is built (buildOpenApiDocument), so the document cannot drift from the validators.
import { ALL_ROLES, PUBLIC_KEY, ROLES_KEY } from '@app/auth';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ParseUUIDPipe, RequestMethod, Type } from '@nestjs/common';
import {
  ApiParam,
  ApiProperty,
  ApiPropertyOptions,
  ApiResponse,
  ApiResponseOptions,
  OpenAPIObject,
} from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ApiErrors, ErrorStatus } from './api-errors.decorator';
import { ErrorDto } from './error.dto';

const API_RESPONSE = 'swagger/apiResponse';
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const BODY = 3;
const QUERY = 4;
const PARAM = 5;

type SchemaRules = Record<string, unknown>;

/** The JSON Schema keywords one class-validator rule stands for (rules without one give none). */
export function schemaRulesOf(rule: Pick<ValidationMetadata, 'name' | 'constraints' | 'each'>): SchemaRules {
  const [a, b] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'isInt':
      return { type: 'integer' };
    case 'isPositive':
      return { minimum: 0, exclusiveMinimum: true };
    case 'min':
      return { minimum: a };
    case 'max':
      return { maximum: a };
    case 'minLength':
      return { minLength: a };
    case 'maxLength':
      return { maxLength: a };
    case 'isLength':
      return { minLength: a, ...(b === undefined ? {} : { maxLength: b }) };
    case 'arrayMinSize':
      return { minItems: a };
    case 'arrayMaxSize':
      return { maxItems: a };
    case 'isIn':
      return { enum: a };
    case 'isUuid':
      return { format: 'uuid' };
    case 'isEmail':
      return { format: 'email' };
    case 'isCalendarDate':
    case 'isWasteDate':
    case 'isEliminatedOn':
      return { format: 'date' };
    case 'matches':
      return { pattern: (a as RegExp).source ?? String(a) };
    case 'isBoolean':
      return { type: 'boolean' };
    default:
      return {};
  }
}

/** Every class class-validator knows, with its properties' rules in JSON Schema terms. */
function validatorRules(): Map<Type, Map<string, { rules: SchemaRules; each: SchemaRules }>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type, ValidationMetadata[]> };
  const byClass = new Map<Type, Map<string, { rules: SchemaRules; each: SchemaRules }>>();
  for (const [target, metadatas] of storage.validationMetadatas) {
    const properties = new Map<string, { rules: SchemaRules; each: SchemaRules }>();
    for (const metadata of metadatas) {
      const rules = schemaRulesOf(metadata);
      if (!Object.keys(rules).length) continue;
      const entry = properties.get(metadata.propertyName) ?? { rules: {}, each: {} };
      Object.assign(metadata.each ? entry.each : entry.rules, rules);
      properties.set(metadata.propertyName, entry);
    }
    if (properties.size) byClass.set(target, properties);
  }
  return byClass;
}

/**
 * Adds each validator's rule to the property's Swagger metadata where the decorator did not say
 * it already (an explicit @ApiProperty keyword wins).
 */
export function declareValidatorRules(): void {
  for (const [target, properties] of validatorRules()) {
    for (const [property, { rules, each }] of properties) {
      const declared =
        (Reflect.getMetadata(API_MODEL_PROPERTIES, target.prototype, property) as Record<string, unknown>) ?? {};
      const added: Record<string, unknown> = {};
      const isArray = declared.isArray === true || Array.isArray(declared.type) || declared.type === 'array';
      const own = isArray ? { ...each } : { ...rules, ...each };
      if (isArray) for (const key of ['minItems', 'maxItems'] as const) if (key in rules) added[key] = rules[key];
      for (const [key, value] of Object.entries(own)) {
        if (key === 'type') {
          // integer narrows number; boolean is only said where the decorator said nothing
          if (value === 'integer' && (declared.type === Number || declared.type === 'number' || !declared.type))
            added.type = 'integer';
          else if (!declared.type) added.type = value;
        } else if (declared[key] === undefined) added[key] = value;
      }
      if (Object.keys(added).length)
        ApiProperty({ ...declared, ...added } as ApiPropertyOptions)(target.prototype, property);
    }
  }
}

interface RouteHandler {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
}

/** The error answers a route gives whatever it does, from its metadata (see docs/decisions/api-contract.md). */
export function derivedErrors(route: RouteHandler): ErrorStatus[] {
  const { controller, handler } = route;
  const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
  const roles: readonly string[] | undefined =
    Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller);
  const method: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler);
  const path = `${Reflect.getMetadata(PATH_METADATA, controller) ?? ''}/${Reflect.getMetadata(PATH_METADATA, handler) ?? ''}`;
  const args = Object.keys(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) as Record<string, unknown>) ?? {},
  ).map((key) => Number(key.split(':')[0]));
  const errors = new Set<ErrorStatus>([503]);
  if (args.some((type) => type === BODY || type === QUERY || type === PARAM) || method !== RequestMethod.GET)
    errors.add(400);
  if (!isPublic) errors.add(401);
  if (!isPublic && roles && ALL_ROLES.some((role) => !roles.includes(role))) errors.add(403);
  if (path.includes(':')) errors.add(404);
  if (method !== RequestMethod.GET) errors.add(409);
  // The JSON parser runs before routing for every request that sends a body, so a write route that
  // declares none (publish, sign-out, deletes) can still answer these two.
  if (args.includes(BODY) || method !== RequestMethod.GET) {
    errors.add(413); // larger than the JSON body limit
    errors.add(415); // a JSON body in a charset other than UTF-8
  }
  return [...errors].sort();
}

/** Declares the derived error answers on every handler of the controllers, keeping explicit ones. */
export function declareDerivedErrors(controllers: Type[]): void {
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, name)!;
      const handler = descriptor.value as RouteHandler['handler'];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      declareUuidParameters(controller, name, descriptor);
      const declared = (Reflect.getMetadata(API_RESPONSE, handler) as Record<string, Record<string, unknown>>) ?? {};
      // an error response declared without a body (e.g. @ApiUnauthorizedResponse()) answers ErrorDto too
      for (const [status, response] of Object.entries(declared)) {
        if (Number(status) >= 400 && !response.type && !response.schema && !response.content)
          ApiResponse({ status: Number(status), type: ErrorDto } as ApiResponseOptions)(
            controller.prototype,
            name,
            descriptor,
          );
      }
      const missing = derivedErrors({ controller, handler }).filter((status) => !(String(status) in declared));
      if (missing.length) ApiErrors(...missing)(controller.prototype, name, descriptor);
    }
  }
}

/** Path parameters that pass ParseUUIDPipe are declared `format: uuid`. */
function declareUuidParameters(controller: Type, name: string, descriptor: PropertyDescriptor): void {
  const args =
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) as Record<
      string,
      { data?: unknown; pipes?: unknown[] }
    >) ?? {};
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== PARAM || typeof arg.data !== 'string') continue;
    if ((arg.pipes ?? []).some((pipe) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe))
      ApiParam({ name: arg.data, type: String, format: 'uuid' })(controller.prototype, name, descriptor);
  }
}

/**
 * What the decorators cannot say: request bodies (and the objects inside them) refuse unknown
 * fields, as the validation pipe does (forbidNonWhitelisted); routes without a token say so with
 * an empty security list; the error schema is named.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  const closed = new Set<string>();
  const close = (ref: string) => {
    const name = ref.replace('#/components/schemas/', '');
    if (closed.has(name) || !schemas[name]) return;
    closed.add(name);
    schemas[name].additionalProperties = false;
    for (const nested of JSON.stringify(schemas[name]).matchAll(/"\$ref":"([^"]+)"/g)) close(nested[1]);
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const body = operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
      for (const media of Object.values(body?.content ?? {})) if (media.schema?.$ref) close(media.schema.$ref);
      operation.security ??= [];
    }
  }
  return document;
}
