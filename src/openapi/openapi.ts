import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DOCS_CLIENT_ID } from '../auth/oauth/client-authenticator';
import { ALL_SCOPES, SCOPES_EXTENSION, USER_SCOPES } from '../common/access/principal';
import { PUBLIC_EXTENSION } from '../common/access/public.decorator';
import { applianceTypeSchemas } from '../features/appliances/appliance-types';
import { declareGatewayAnswers } from './gateway-answers';

const DESCRIPTION = `Junction puts Nueyne (Lux accounts, Elexir Legacy therapy devices), LG ThinQ Connect
(home appliances) and Interwater s-connector (video conference) behind one REST surface.

* One credential: \`Authorization: Bearer <gateway access token>\` from \`POST /v1/auth/token\`.
  In Swagger UI, **Authorize** with the OAuth2 password flow and a sandbox account
  (\`demo@junction.dev\` / \`junction-demo\`; the client id \`${DOCS_CLIENT_ID}\` is prefilled, no secret),
  or paste an access token into \`bearer\`. Every protected operation accepts either.
* JSON field names are camelCase; vendor envelopes are removed; dates are \`YYYY-MM-DD\`, timestamps ISO 8601
  with an offset.
* Every error is RFC 9457 \`application/problem+json\` with a stable \`code\` and the \`requestId\`.
* Every response carries \`x-request-id\`; cached reads carry \`x-cache\`, \`age\` and \`cache-control\`.
* Reads carry a weak \`ETag\`; send it back in \`If-None-Match\` and an unchanged answer is a 304
  without a body.
* Answers of 1 KiB or more are compressed when the client accepts it (\`br\` or \`gzip\`), except
  the polled appliance status.
* A method a path does not have answers 405 with \`Allow\` listing the ones it has.
* Authenticated routes count toward the caller's rate limit (\`RateLimit\`, \`RateLimit-Policy\`;
  429 with \`Retry-After\` past it).`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Junction API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://junction.dev/license')
    .addServer('/', 'This gateway')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Gateway access token' },
      'bearer',
    )
    .addOAuth2(
      {
        type: 'oauth2',
        description: `The gateway token endpoint. Password flow: a Nueyne account (sandbox: \`demo@junction.dev\` / \`junction-demo\`) through the public client \`${DOCS_CLIENT_ID}\` (no secret). Client credentials: a service client from GATEWAY_CLIENTS (sandbox: \`reports\` / \`reports-secret-0123456789\`). No scope ticked means every scope the account or client may have.`,
        flows: {
          password: { tokenUrl: '/v1/auth/token', scopes: scopeDescriptions(USER_SCOPES) },
          clientCredentials: { tokenUrl: '/v1/auth/token', scopes: scopeDescriptions(ALL_SCOPES) },
        },
      },
      'oauth2',
    )
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('oauth2')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // The appliance status and command schemas per device type, which the routes reference.
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...applianceTypeSchemas() };
  // Before the public marker is turned into `security: []`: it tells which routes are public.
  declareGatewayAnswers(document);
  applySecurity(document);
  return sortKeys(document);
}

/**
 * Every operation states its security here, from the route's own markers: public routes need no
 * token (`security: []`); every other one accepts either scheme, the bearer token or the OAuth2
 * flows (with the scopes the route requires), so a token Swagger UI got from "Authorize" is sent.
 */
function applySecurity(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const isPublic = operation[PUBLIC_EXTENSION] === true;
      const scopes = (operation[SCOPES_EXTENSION] as string[] | undefined) ?? [];
      delete operation[PUBLIC_EXTENSION];
      delete operation[SCOPES_EXTENSION];
      operation.security = isPublic ? [] : [{ bearer: [] }, { oauth2: scopes }];
    }
  }
}

const SCOPE_DESCRIPTIONS: Record<(typeof ALL_SCOPES)[number], string> = {
  profile: 'Lux account and members',
  therapy: 'Elexir Legacy therapy devices and logs',
  appliances: 'LG ThinQ appliances',
  'conference:read': 'Live conference sessions',
  'conference:admin': 'Conference license and usage (service clients)',
};

function scopeDescriptions(scopes: readonly (typeof ALL_SCOPES)[number][]): Record<string, string> {
  return Object.fromEntries(scopes.map((scope) => [scope, SCOPE_DESCRIPTIONS[scope]]));
}

/** Key-sorted copy, so the committed openapi.json diffs cleanly. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out as T;
}

export function setupSwagger(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Junction API',
    swaggerOptions: {
      persistAuthorization: true,
      displayRequestDuration: true,
      // The public docs client: Swagger UI's password flow then works with its defaults.
      initOAuth: { clientId: DOCS_CLIENT_ID },
    },
  });
  return document;
}
