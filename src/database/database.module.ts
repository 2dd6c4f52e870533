import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HERD_CONFIG, HerdConfig } from '../config/config';
import { EntityList, typeormOptions } from './typeorm-options';

/** The PostgreSQL connection, with the entities the app hands it (the database knows no module). */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRootAsync({ inject: [HERD_CONFIG], useFactory: (config: HerdConfig) => typeormOptions(config, entities) })],
    };
  }
}
