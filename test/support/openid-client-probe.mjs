// What a stock OAuth client does with the gateway: the real openid-client package (ESM-only, so it
// runs here in its own Node process; test/readme.e2e-spec.ts starts it). Prints one JSON line.
//   node test/support/openid-client-probe.mjs <issuer>
import * as client from 'openid-client';

const issuer = new URL(process.argv[2]);
// The gateway is an OAuth 2 authorization server, not an OpenID provider: discovery reads
// /.well-known/oauth-authorization-server (RFC 8414). Plain http is for localhost only.
const options = { algorithm: 'oauth2', execute: [client.allowInsecureRequests] };

// An internal service: client credentials, secret in the body (openid-client's default).
const service = await client.discovery(
  issuer,
  'reports',
  'reports-secret-0123456789',
  undefined,
  options,
);
const serviceToken = await client.clientCredentialsGrant(service, { scope: 'conference:read' });

// A frontend: the public client (no secret), the password grant, a refresh, a sign-out.
const frontend = await client.discovery(issuer, 'junction-docs', undefined, client.None(), options);
const signedIn = await client.genericGrantRequest(frontend, 'password', {
  username: 'demo@junction.dev',
  password: 'junction-demo',
});
const refreshed = await client.refreshTokenGrant(frontend, signedIn.refresh_token);
await client.tokenRevocation(frontend, refreshed.refresh_token);

const metadata = service.serverMetadata();
console.log(
  JSON.stringify({
    issuer: metadata.issuer,
    jwksUri: metadata.jwks_uri,
    service: {
      accessToken: serviceToken.access_token,
      scope: serviceToken.scope,
      tokenType: serviceToken.token_type,
    },
    signedIn: {
      accessToken: signedIn.access_token,
      hasRefreshToken: typeof signedIn.refresh_token === 'string',
    },
    refreshed: {
      accessToken: refreshed.access_token,
      rotated: refreshed.refresh_token !== signedIn.refresh_token,
    },
  }),
);
