import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'junction:public';

/** Marks a route as reachable without a gateway token (token endpoint, JWKS, health, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
