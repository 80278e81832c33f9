// PUT points takes a bare JSON array, which the global ValidationPipe passes through unchecked
// (its metatype is Array). This pipe validates it with the same rules, as the `points` of a
// wrapper class, so unknown fields are refused and each error names `points.<index>.<field>`.
import { Injectable, PipeTransform } from '@nestjs/common';
import { validationPipe } from '../http/validation';
import { MeasurePointDto, PutPointsDto } from './dto/measure.dto';

@Injectable()
export class PointsBodyPipe implements PipeTransform<unknown, Promise<MeasurePointDto[]>> {
  private readonly validation = validationPipe();

  async transform(value: unknown): Promise<MeasurePointDto[]> {
    const body = (await this.validation.transform(
      { points: value },
      { type: 'body', metatype: PutPointsDto },
    )) as PutPointsDto;
    return body.points;
  }
}
