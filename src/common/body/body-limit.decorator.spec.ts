import { RouteConfig } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { AppConfig } from '../../config/app-config';
import { applyBodyLimit, BodyLimit } from './body-limit.decorator';

const config = { accounts: { bodyLimitBytes: 8192 } } as AppConfig;

/** The route options Nest gives Fastify for a handler: its route config. */
function routeOf(handler: object): { bodyLimit?: number; config?: unknown } {
  return { config: Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as unknown };
}

describe('@BodyLimit()', () => {
  it('on a controller, gives each of its routes the limit, keeping their other route config', () => {
    @BodyLimit((c: AppConfig) => c.accounts.bodyLimitBytes)
    class Controller {
      @RouteConfig({ other: true })
      first(): void {}
      second(): void {}
    }
    const first = routeOf(Controller.prototype.first);
    applyBodyLimit(first, config);
    expect(first.bodyLimit).toBe(8192);
    expect(first.config).toMatchObject({ other: true });
    const second = routeOf(Controller.prototype.second);
    applyBodyLimit(second, config);
    expect(second.bodyLimit).toBe(8192);
  });

  it('on one route, gives that route alone the limit', () => {
    class Controller {
      @BodyLimit(() => 100)
      small(): void {}
      usual(): void {}
    }
    const small = routeOf(Controller.prototype.small);
    applyBodyLimit(small, config);
    expect(small.bodyLimit).toBe(100);
    const usual = routeOf(Controller.prototype.usual);
    applyBodyLimit(usual, config);
    expect(usual.bodyLimit).toBeUndefined();
  });
});
