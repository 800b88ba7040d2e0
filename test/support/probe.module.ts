import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Public } from '../../src/common/access/public.decorator';

class AddressDto {
  @IsString()
  city!: string;
}

class ProbeDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  @Max(150)
  age!: number;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

/** Test-only routes that exercise the error paths of the foundation. */
@Public()
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2 at /srv/internal/db.ts:42');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
