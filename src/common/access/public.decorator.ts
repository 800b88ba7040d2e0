import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'junction:public';
/** OpenAPI marker turned into `security: []` when the document is built. */
export const PUBLIC_EXTENSION = 'x-junction-public';

/** Marks a route as reachable without a gateway token (token endpoint, JWKS, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
