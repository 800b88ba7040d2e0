import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export type Provider = 'lux' | 'legacy' | 'thinq';
export const PROVIDERS: readonly Provider[] = ['lux', 'legacy', 'thinq'];

/** Scopes a user session gets; service clients get theirs from GATEWAY_CLIENTS. */
export const USER_SCOPES = ['profile', 'therapy', 'appliances', 'conference:read'] as const;
export const ALL_SCOPES = [...USER_SCOPES, 'conference:admin'] as const;

/** Who is calling, from a verified gateway access token. */
export interface Principal {
  kind: 'user' | 'service';
  /** `lux:<id>`, `legacy:<id>` or `client:<id>`. */
  sub: string;
  /** The gateway session (user tokens only). */
  sid?: string;
  /** The OAuth client (service tokens, or the client a user signed in through). */
  clientId?: string;
  scopes: string[];
  jti: string;
  /** Token expiry, epoch seconds. */
  exp: number;
}

export const PRINCIPAL_KEY = 'junctionPrincipal';
export const REQUIRED_SCOPES = 'junction:scopes';

/** The verified caller of this request (set by the global AuthGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<Record<string, unknown>>();
    return request[PRINCIPAL_KEY] as Principal;
  },
);

/** OpenAPI marker of a route's scopes, turned into its oauth2 security requirement (src/openapi). */
export const SCOPES_EXTENSION = 'x-junction-scopes';

/** Every listed scope is required (403 INSUFFICIENT_SCOPE otherwise). A method's list overrides its class's. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension(SCOPES_EXTENSION, scopes));
