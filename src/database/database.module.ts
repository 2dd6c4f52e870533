import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HERD_CONFIG, HerdConfig } from '../config/config';
import { typeormOptions } from './typeorm-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [HERD_CONFIG],
      useFactory: (config: HerdConfig) => typeormOptions(config),
    }),
  ],
})
export class DatabaseModule {}
