import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { RouteMatcher } from '../common/http/route-matcher';

export interface RegisteredRoute {
  method: string;
  url: string;
}

const registries = new WeakMap<FastifyInstance, RouteRegistry>();

/**
 * Every route the Fastify instance registers (Nest controllers, Swagger UI, anything else), seen
 * by one onRoute hook added before any route: the list tests walk, and the matcher behind 405.
 */
export class RouteRegistry {
  private readonly routes: RegisteredRoute[] = [];
  readonly matcher = new RouteMatcher();

  constructor(fastify: FastifyInstance) {
    registries.set(fastify, this);
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        this.routes.push({ method, url: route.url });
        this.matcher.add(method, route.url);
      }
    });
  }

  list(): RegisteredRoute[] {
    return [...this.routes];
  }
}

/** Every route the app registered (Nest controllers, Swagger UI, anything else). */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return registries.get(app.getHttpAdapter().getInstance())?.list() ?? [];
}
