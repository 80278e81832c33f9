import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CreateTrustDto {
  @ApiProperty({ example: 'RXW', description: 'ODS code, 3-10 letters or digits, unique' })
  @IsString()
  @Length(3, 10)
  @Matches(/^[A-Za-z0-9]+$/, { message: 'code must contain only letters and digits' })
  code: string;

  @ApiProperty({ example: 'The Shrewsbury and Telford Hospital NHS Trust' })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class TrustDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the user who created it' })
  createdBy: string | null;
}
