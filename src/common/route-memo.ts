import type { ExecutionContext } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's own types for handlers and classes
type Target = Function;

/**
 * What a guard or an admission step works out of a route's decorators, once per route instead of
 * once per request: by controller class, then handler (one handler may be inherited by several
 * controller classes whose metadata differ). Route metadata is static, so nothing is ever evicted;
 * the weak maps let a discarded test module go.
 */
export class RouteMemo<T> {
  private readonly byClass = new WeakMap<Target, WeakMap<Target, T>>();

  constructor(private readonly work: (handler: Target, type: Target) => T) {}

  of(context: ExecutionContext): T {
    const type = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.byClass.get(type);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.byClass.set(type, byHandler);
    }
    if (byHandler.has(handler)) return byHandler.get(handler) as T;
    const value = this.work(handler, type);
    byHandler.set(handler, value);
    return value;
  }
}
