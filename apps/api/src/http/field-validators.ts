// Field decorators the record DTOs share, so every date and optional field fails the same way
// with a message that names the field and the rule.
import { isValidDate } from '@app/domain';
import { buildMessage, IsNumber, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** A real calendar date as 'YYYY-MM-DD' ('2023-02-29' is not one). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isValidDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date as YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

/** A finite JSON number (no NaN or Infinity). */
export const IsFiniteNumber = (options?: ValidationOptions) =>
  IsNumber({ allowNaN: false, allowInfinity: false }, options);

/** May be left out; when given it is validated, so an explicit null fails (for fields that cannot be cleared). */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** May be left out or null (null clears it); any other value is validated. */
export const OptionalNullable = () => ValidateIf((_, value) => value !== undefined && value !== null);
