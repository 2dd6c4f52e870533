export { NodeCallback } from './node-callback.entity';
export { NodeCallbacksCoreModule } from './node-callbacks-core.module';
export { NodeCallbacksModule } from './node-callbacks.module';
export { NodeCallbacksService } from './node-callbacks.service';
