import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { WEB_UI_OPTIONS, WebUiMiddleware, type WebUiOptions } from './web-ui.middleware';

/**
 * An app's web interface, built by Vite into `root` and served by the app itself at `/`
 * (docs/adr-web-ui.md). The node mounts it today; the hub's coordinator UI will mount it with
 * its own bundle.
 */
@Module({})
export class WebUiModule implements NestModule {
  static forRoot(options: WebUiOptions): DynamicModule {
    return { module: WebUiModule, providers: [{ provide: WEB_UI_OPTIONS, useValue: options }, WebUiMiddleware] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebUiMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
