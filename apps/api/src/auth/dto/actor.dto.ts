import { ROLES } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) trustId: string | null;
}

export class LoginResultDto {
  @ApiPropertyOptional({ description: 'left out when the web app signs in: it holds the session cookie instead' })
  accessToken?: string;
  @ApiProperty({ type: ActorDto }) user: ActorDto;
}
