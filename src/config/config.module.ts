import { Global, Module } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig, loadConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: HerdConfig = loadConfig()) {
    return {
      module: ConfigModule,
      providers: [{ provide: HERD_CONFIG, useValue: config }],
      exports: [HERD_CONFIG],
    };
  }
}
