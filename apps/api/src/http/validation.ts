import { ValidationPipe } from '@nestjs/common';

/** Unknown fields are rejected; every failing field is named with its rule (SPEC §4). */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
  });
}
