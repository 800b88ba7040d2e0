/**
 * Types of the Junction API, generated from openapi.json by openapi-typescript.
 * Do not edit: run `npm run sdk` after `npm run openapi`.
 */
export interface paths {
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Public signing keys (JWKS)
     * @description Internal services verify gateway access tokens with these keys (`kid` = RFC 7638 thumbprint). During a rotation both keys are listed.
     */
    get: operations['WellKnown_jwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/oauth-authorization-server': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Authorization server metadata (RFC 8414)
     * @description What a stock OAuth 2 client discovers: token, revocation and JWKS endpoints, grants, client authentication methods and scopes. The gateway is an OAuth 2 authorization server, not an OpenID provider: use OAuth 2 discovery (openid-client: `algorithm: "oauth2"`). `issuer` is GATEWAY_ISSUER and must be the exact URL a client discovers from.
     */
    get: operations['WellKnown_metadata'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description The process is up and its event loop turns.
     */
    get: operations['Health_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness
     * @description Ready when Redis answers (and the instance is not shutting down). Upstream states are reported but do not make the instance unready: restarting the gateway cannot fix an upstream, and cached routes still serve.
     */
    get: operations['Health_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Text exposition format 0.0.4.
     */
    get: operations['Metrics_metricsText'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/legacy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign up to Elexir Legacy
     * @description Legacy `POST /api/v1/legacy/auth/signup` (phone sent as `010-1234-5678`, dates as `yyyy-mm-dd`, `adrs_city` = `region`). Nueyne mails a verification link; the account signs in with `POST /v1/auth/token` (provider `legacy`) once it is followed. 409 `EMAIL_ALREADY_REGISTERED`; 502 `SIGN_UP_FAILED`. Limited per IP (`sign-ups`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_signUpLegacy'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/legacy/email-availability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Is an e-mail free for Elexir Legacy?
     * @description Legacy `GET /api/v1/legacy/user/dup-check-email/{email}`. By design this tells whether an account uses the e-mail (so would the sign-up's 409); it is limited per IP (`email-availability`). Lux has no such route. Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    get: operations['Accounts_legacyEmailAvailability'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/legacy/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mail an Elexir Legacy password reset
     * @description Legacy `POST /api/v1/legacy/auth/send-reset-mail`. Always 202 with the same body, whether or not the e-mail has an account (Nueyne answers 404, or a 500 only an existing account can cause). Limited per IP (`recovery`) and per e-mail (`recovery-per-account`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_resetLegacyPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/legacy/recover-id': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Find an Elexir Legacy account
     * @description Legacy `POST /api/v1/legacy/auth/find-id` by phone, birth date and gender. Legacy proves nothing here (no code), so the e-mail comes back masked (`de**@junction.dev`); 404 `USER_NOT_FOUND` when nothing matches, which this route cannot hide since its answer is the account. Guessing is limited per IP (`recovery`) and per number (`recovery-per-account`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_recoverLegacyId'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lux': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign up to Lux
     * @description Lux `POST /api/v1/lux/auth/email/signup` with the verified phone. Answers a gateway token response, as `POST /v1/auth/token` does: the new Lux account is already linked to the session, so the app is signed in. 400 `PHONE_VERIFICATION_REQUIRED` when the `verificationToken` is unknown, expired or used; 409 `EMAIL_ALREADY_REGISTERED` (the verification stays usable for another address); 502 `SIGN_UP_FAILED`. Limited per IP (`sign-ups`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_signUpLux'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lux/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mail a Lux password reset
     * @description Lux `POST /api/v1/lux/auth/send-reset-mail`. Always 202 with the same body: Nueyne's "no such user" (404), "signed up with a social account" (400) and "mail failed" (500, only ever for an existing account) would each tell whether the e-mail has an account. Limited per IP (`recovery`) and per e-mail (`recovery-per-account`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_resetLuxPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lux/phone-verifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a Lux SMS code
     * @description Lux `POST /api/v1/lux/auth/send-sms-auth`: sends a 6-digit code to the number, for sign-up (then `.../confirm`) or account recovery (then `POST /v1/accounts/lux/recover-id`). Answers 202 the same way whether or not a Lux account already uses the number (Nueyne would say so to anyone; the holder of the number learns it at the confirm step). SMS limits: `sms-per-phone`, `sms-per-ip`, `sms-global`; with Redis away, no SMS is sent (503). 502 `SMS_NOT_SENT` when Nueyne could not deliver to the number. Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_sendLuxCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lux/phone-verifications/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Confirm a Lux SMS code
     * @description Lux `POST /api/v1/lux/auth/phone-number-validation`. Answers an opaque `verificationToken` for `POST /v1/accounts/lux`, bound to the number and short-lived (ACCOUNTS_VERIFICATION_TTL_SECONDS); Nueyne's own token stays in the gateway. 400 `VERIFICATION_CODE_INVALID` or `VERIFICATION_CODE_EXPIRED`; 409 `PHONE_ALREADY_REGISTERED` (sign in or recover the e-mail instead); 410 `ACCOUNT_DELETED` (the number belongs to a deleted account). Code attempts are limited per number (`verification-attempts`, right or wrong). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_confirmLuxPhone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lux/recover-id': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Find a Lux account by phone
     * @description Lux `POST /api/v1/lux/auth/find-id-by-phone` with a code from `POST /v1/accounts/lux/phone-verifications`: the e-mail of the account using the number. The code proves the caller holds the number, so the answer may say there is none: 404 `USER_NOT_FOUND`, 410 `ACCOUNT_DELETED`; 400 `VERIFICATION_CODE_INVALID` or `VERIFICATION_CODE_EXPIRED`. Limited per IP (`recovery`) and per number (`recovery-per-account`, `verification-attempts`). Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.
     */
    post: operations['Accounts_recoverLuxId'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * LG ThinQ appliances
     * @description The devices of the linked ThinQ account (`GET /v2/devices`), each with ThinQ’s `deviceInfo` flattened into the item. Needs a linked `thinq` account. Cached per user and link (the same list serves `GET /v1/devices` and `GET /v1/home`): fresh for `THINQ_DEVICES_FRESH_MS` (default 5 min), then refreshed by the next read; when ThinQ fails or the call budget is spent, the last list is served for `THINQ_DEVICES_STALE_IF_ERROR_MS` (default 24 h). Concurrent reads share one ThinQ call, across instances. Linking the account (again) or unlinking it drops the list. Every ThinQ call spends the linked account’s hourly call budget (`THINQ_HOURLY_CALL_BUDGET`, shared by every instance and every session of that account); once reads have spent theirs, cached values are answered `STALE` with `x-stale-reason: UPSTREAM_QUOTA_EXHAUSTED`, and only a read with nothing cached is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. ThinQ’s own quota answers (1306, 1314, HTTP 429) are the same 429.
     */
    get: operations['Appliances_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live appliance status (server-sent events)
     * @description A live view of the linked ThinQ account's appliances as [server-sent events](https://html.spec.whatwg.org/multipage/server-sent-events.html) (`text/event-stream`): one stream carries every appliance (or those named by `deviceId`).
     *
     *     **Events** (`event:` name, then `data:`, one JSON document; schemas under `x-junction-events` of the answer and in the Schemas list):
     *
     *     | event | data | when |
     *     | --- | --- | --- |
     *     | `snapshot` | `{deviceId, status}`: `status` as `GET /v1/appliances/{deviceId}/status` answers it | first, for every appliance; again after a `device-error`, or when the client is too far behind |
     *     | `status` | `{deviceId, status}`: only what changed (merge: objects property by property, located lists by `locationName`, `null` = gone) | the device changed (pushed by ThinQ, polled, or right after a command) |
     *     | `device-added` | the appliance, as in `GET /v1/appliances` (its `snapshot` follows) | the account has a new device (streams of all devices) |
     *     | `device-removed` | `{deviceId}` | the account no longer has it |
     *     | `device-error` | `{deviceId, code, status, detail}` (`DEVICE_OFFLINE`...) | the device cannot be read; its last values stand |
     *     | `notification` | `{deviceId, code, at}`: ThinQ's code (`WASHING_IS_COMPLETE`...) | ThinQ pushed a notification of the device (with ThinQ push on) |
     *     | `quota` | `{exhausted, retryAfterSeconds?}` | the account's hourly ThinQ call budget is spent (`true`: the last values stand) or back (`false`) |
     *     | `error` | a problem (as problem+json) | last event: the session ended, the link was removed or replaced, ThinQ refuses the token; close the stream (reconnecting is refused) |
     *     | `shutdown` | `{reason, detail}` | last event: this instance stops; reconnect (another instance carries on from `Last-Event-ID`) |
     *
     *     Every event has an `id` (where the stream stands on each device): a client that reconnects with `Last-Event-ID` (or `lastEventId`) gets exactly what it missed, per device, or a fresh `snapshot` when that is too old (`APPLIANCE_EVENTS_HISTORY` events per device). A comment line (`:`) every `APPLIANCE_EVENTS_HEARTBEAT_MS` (15 s) keeps proxies from closing an idle stream; `retry:` tells `EventSource` how long to wait before reconnecting.
     *
     *     **Auth.** `Authorization: Bearer` (fetch-based clients), or, for `EventSource` (which cannot send headers), a single-use ticket from `POST /v1/appliances/events/tickets` as `?ticket=`. The stream belongs to the session, not the token: it goes on past the token's expiry, and ends with `error` when the session ends or the ThinQ link is removed.
     *
     *     **Cost.** However many streams, sessions and gateway instances watch a device, ThinQ is polled for it at most once per `APPLIANCE_EVENTS_POLL_MS` (5 s), through the same cache as `GET .../status`, on the account's hourly budget; polls slow down as the budget runs low. With ThinQ push, a device ThinQ pushes for is read only as a safety check (`APPLIANCE_EVENTS_PUSH_SAFETY_POLL_MS`, 10 min): its changes arrive pushed. The list is read every `APPLIANCE_EVENTS_LIST_POLL_MS` (5 min).
     *
     *     **Limits.** At most `APPLIANCE_EVENTS_MAX_STREAMS_PER_SESSION` (4) open streams per session (429 `TOO_MANY_STREAMS`; a browser has about six HTTP/1.1 connections per origin: one stream for every appliance is the point). A client that stops reading is dropped once `APPLIANCE_EVENTS_BUFFER_BYTES` (64 KiB) wait for it. Not compressed. Swagger UI's "Try it out" waits for the stream to end: use curl (`curl -N`) or an `EventSource`.
     */
    get: operations['ApplianceEvents_stream'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances/events/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A ticket for EventSource
     * @description A single-use ticket, valid for 30 s, that opens `GET /v1/appliances/events?ticket=...` in the name of this session (a browser’s `EventSource` cannot send the `Authorization` header; the access token never goes into a URL). Redis keeps only its SHA-256 digest; using it (or 30 s) ends it. Ask for a new one for every new `EventSource`, and pass the last event id as `lastEventId`.
     */
    post: operations['ApplianceEvents_ticket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances/{deviceId}/commands': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Control an appliance
     * @description Checks the command against the device profile first (the property exists and is writable, enum values are in `value.w`, ranges respect min, max and step, types match, located resources name a known `locationName`); a refused command answers 400 `INVALID_COMMAND` listing each property and why, and never reaches ThinQ. Then `POST /v2/devices/control/{id}`; on success the cached status of the device is dropped, so the next read is fresh. State refusals from ThinQ (remote control off, powered off, wrong mode...) answer 409 `COMMAND_NOT_SUPPORTED_NOW`; an offline device 409 `DEVICE_OFFLINE`. A command (and the profile read that checks it) may spend the share of the hourly ThinQ call budget kept from reads (`THINQ_COMMAND_RESERVE`), so “stop” still works after polling has spent the rest; past the whole budget it is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`.
     */
    post: operations['Appliances_command'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances/{deviceId}/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What an appliance can report and take
     * @description The device profile (`GET /v2/devices/profile/{id}`), cached per user and device for hours (`THINQ_PROFILE_TTL_MS`, default 6 h); when ThinQ fails, the last profile is served for as long again. Commands are checked against it. Every ThinQ call spends the linked account’s hourly call budget (`THINQ_HOURLY_CALL_BUDGET`, shared by every instance and every session of that account); once reads have spent theirs, cached values are answered `STALE` with `x-stale-reason: UPSTREAM_QUOTA_EXHAUSTED`, and only a read with nothing cached is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. ThinQ’s own quota answers (1306, 1314, HTTP 429) are the same 429.
     */
    get: operations['Appliances_profile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appliances/{deviceId}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An appliance’s current status
     * @description The device status (`GET /v2/devices/status/{id}`), cached per user and device to spare the user’s hourly ThinQ quota: fresh for `THINQ_STATUS_FRESH_MS` (default 5 s); then, for `THINQ_STATUS_SWR_MS` (default 25 s), the cached value is answered at once (`x-cache: STALE`) while one background call refreshes it; when ThinQ fails or times out, the last good value is served for `THINQ_STATUS_STALE_IF_ERROR_MS` (default 5 min). Concurrent requests for the same status share one ThinQ call, across gateway instances. After that window a failure is answered as a problem (502, 503 or 504). A read holding a cached value never waits more than `CACHE_REFRESH_WAIT_MS` (default 1 s) for ThinQ (a hanging call, a breaker probe): then the cached value is answered (`x-stale-reason: UPSTREAM_TIMEOUT`) while the refresh carries on. A successful command drops the cached status. The answer carries the device’s `deviceType` (narrow the schema on it), taken from the device list and kept per device for a day: a warm read makes no ThinQ call for it; the first read of a device when no list is cached makes one list call. Every ThinQ call spends the linked account’s hourly call budget (`THINQ_HOURLY_CALL_BUDGET`, shared by every instance and every session of that account); once reads have spent theirs, cached values are answered `STALE` with `x-stale-reason: UPSTREAM_QUOTA_EXHAUSTED`, and only a read with nothing cached is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. ThinQ’s own quota answers (1306, 1314, HTTP 429) are the same 429.
     */
    get: operations['Appliances_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a token (RFC 7009)
     * @description Revokes a gateway refresh token or a user access token, which ends its session on every instance, or a service access token, which is denied until it expires. Answers 200 for tokens it does not know, as RFC 7009 asks.
     */
    post: operations['Token_revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * OAuth 2 token endpoint
     * @description RFC 6749 token endpoint. Grants: `password` (with `provider` lux or legacy: the gateway signs in to Nueyne, keeps its tokens and opens a session), `refresh_token` (rotation; a reused refresh token ends the session), `client_credentials` (internal services, from GATEWAY_CLIENTS; HTTP Basic or client_id/client_secret), and RFC 8693 token exchange of a Nueyne access token. Client: none, the public client `junction-docs` (no secret; what Authorize in Swagger UI uses), or a confidential client with its secret; an empty `Authorization: Basic` (`Og==`) counts as none, and only a failed Basic authentication is challenged with `WWW-Authenticate: Basic`. Every error (a malformed body too) follows RFC 6749 section 5.2 (`{error, error_description}`), not problem+json. Limits (429 `temporarily_unavailable` with `Retry-After`): attempts per client IP (`auth`), wrong passwords per account, wrong client secrets per client id.
     */
    post: operations['Token_token'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conference/license': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The conference license
     * @description Interwater `GET /v1/info` without its `{status, data}` envelope; `enabled` is a boolean (Interwater sends 0 or 1) and `createdAt` ISO 8601 in UTC. Needs `conference:admin`. Read with the gateway’s own Interwater credential (no linked account needed); when Interwater refuses it even after a fresh one, 502 `UPSTREAM_CREDENTIALS_REJECTED`. Cached for 5 minutes (`x-cache`, `age`, `cache-control`), served stale for a minute while refreshing and up to an hour when Interwater fails.
     */
    get: operations['Conference_license'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conference/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Rooms in session
     * @description Interwater `GET /v1/sessions` without its envelope: every room open now, waiting (`WAIT`) or in a meeting (`ON_GOING`), with its participant count `user`. An empty list when none is open. Needs `conference:read`. Read with the gateway’s own Interwater credential (no linked account needed); when Interwater refuses it even after a fresh one, 502 `UPSTREAM_CREDENTIALS_REJECTED`. Cached for 5 seconds (`x-cache`, `age`, `cache-control`), served stale for 5 more while refreshing and up to 30 seconds when Interwater fails.
     */
    get: operations['Conference_sessions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conference/sessions/{roomName}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One room in session
     * @description Interwater `GET /v1/sessions/{room_name}` without its envelope. 404 `ROOM_NOT_FOUND` when no room of that name is in session. Needs `conference:read`. Read with the gateway’s own Interwater credential (no linked account needed); when Interwater refuses it even after a fresh one, 502 `UPSTREAM_CREDENTIALS_REJECTED`. Cached for 5 seconds (`x-cache`, `age`, `cache-control`), served stale for 5 more while refreshing and up to 30 seconds when Interwater fails. A 404 is not cached.
     */
    get: operations['Conference_session'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/conference/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Conference usage over a range of days
     * @description Interwater `GET /v1/static?startTime=&endTime=` without its envelope. `from` is required, `to` optional (without it the range runs to now); both `YYYY-MM-DD` real dates, days in UTC and inclusive, and `to` not before `from` (400 `VALIDATION_FAILED` otherwise; unknown parameters are refused too). The answer keeps Interwater’s field names, as the contract keeps every Interwater name: `totalSecond` is the total in seconds and `detail` lists each session (`roomName`, `sessionTimeSecond`, `createdAt` ISO 8601 in UTC). Needs `conference:admin`. Not cached. Read with the gateway’s own Interwater credential (no linked account needed); when Interwater refuses it even after a fresh one, 502 `UPSTREAM_CREDENTIALS_REJECTED`.
     */
    get: operations['Conference_usage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/devices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All devices of the session
     * @description Elexir Legacy therapy devices and LG ThinQ appliances in one list. Only linked accounts are asked, in parallel, each under its own deadline (AGGREGATE_SOURCE_TIMEOUT_MS). A source that fails or is too slow leaves its devices out and is listed in `errors` with the status and code its own route would have answered; the answer is still 200. Only when every asked source fails is the answer a 502 problem (with the same `errors`). A session with nothing linked gets an empty list. No extra scope is needed beyond a valid session; each source uses its own route's cache (the appliances are `GET /v1/appliances`' cached list, so this route spends no ThinQ call while it is fresh). A source answered from that cache because it could not be asked (its hourly call budget is spent, it failed, or it is slow) is listed in `warnings` with the reason; its devices stay in `items`. When every asked source failed for its spent call budget with nothing cached, the answer is 429 `UPSTREAM_QUOTA_EXHAUSTED` with `Retry-After`. `freshness` says, per source in `items`, whether its devices are `live` (fetched for this request), `cached` (with their age) or `stale` (with their age and the reason). `Cache-Control: no-cache` asks every source again (see the header).
     */
    get: operations['Devices_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/home': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The home screen in one call
     * @description Lux profile, all devices (as GET /v1/devices), this month's therapy summary (sessions, total treatment time, last use) and live conference sessions, fetched in parallel under one deadline (HOME_DEADLINE_MS), reusing the routes' services and caches. A part that fails or misses the deadline is null (devices: left out) and listed in `errors`; the answer is still 200, and arrives within the deadline. A part whose account is not linked is null without an error. Devices served from the cache because their source could not be asked are listed in `warnings`, as in GET /v1/devices. `freshness` says, per part in the answer (devices: per source), whether it is `live`, `cached` (with its age) or `stale` (with its age and the reason); `Cache-Control: no-cache` asks every cached part's source again (see the header).
     */
    get: operations['Home_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The Lux account
     * @description Lux `GET /api/v1/lux/user/me`: the signed-in user, with whether the password is older than three months and whether the personal details need an update. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise). 404 `USER_NOT_FOUND` when Lux has no such user, 410 `ACCOUNT_DELETED` when it was deleted.
     */
    get: operations['Me_profile'];
    put?: never;
    post?: never;
    /**
     * Delete the Lux account
     * @description Lux `DELETE /api/v1/lux/user/root-user`: deletes the account (its members are deleted and their devices freed). Then every gateway session holding this Lux account ends, on every instance: their access and refresh tokens stop working. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise). 502 `ACCOUNT_DELETE_FAILED` when Lux cannot find how the account signed up.
     */
    delete: operations['Me_deleteAccount'];
    options?: never;
    head?: never;
    /**
     * Update the Lux account
     * @description Lux `PATCH /api/v1/lux/user/root-user`: changes any of the names, birthdate and gender; absent fields stay as they are. `birthdate` is `YYYY-MM-DD` here and `yyyymmdd` at Lux. Answers the account as Lux stored it (Lux answers `id`, not `rootUserId`, here). Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    patch: operations['Me_updateProfile'];
    trace?: never;
  };
  '/v1/me/links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Linked upstream accounts
     * @description Which upstream accounts the caller holds (lux, legacy, thinq). `lux` is this session's; `thinq`, and `legacy` unless the session signed in with Legacy, are the user's: the same in every session of the user. Never returns a credential.
     */
    get: operations['Links_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/links/legacy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Link an Elexir Legacy account
     * @description Signs in to Nueyne Elexir Legacy and keeps that login for the user: every session of the user, on every instance, uses it until unlinked (linking again replaces it). A session signed in with Legacy keeps it for itself. The password is not kept. Counts toward the same limits as a password sign-in at the token endpoint: the per-IP `auth` limit and the failed sign-ins per e-mail (429 `RATE_LIMITED`).
     */
    put: operations['Links_linkLegacy'];
    post?: never;
    /**
     * Unlink the Elexir Legacy account
     * @description Drops the Elexir Legacy account (and its tokens): a Lux user’s linked Legacy account from every session of the user, on every instance within 0.5 s.
     */
    delete: operations['Links_unlinkLegacy'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/links/lux': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Link a Lux account
     * @description Signs in to Nueyne Lux with the e-mail and password and attaches that login to this session. The password is not kept. Counts toward the same limits as a password sign-in at the token endpoint: the per-IP `auth` limit and the failed sign-ins per e-mail (429 `RATE_LIMITED`).
     */
    put: operations['Links_linkLux'];
    post?: never;
    /**
     * Unlink the Lux account
     * @description Drops the Lux account (and its tokens) from this session.
     */
    delete: operations['Links_unlinkLux'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/links/thinq': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Link a ThinQ account
     * @description Checks the ThinQ personal access token against ThinQ (GET /v2/devices on the country's regional host) before keeping it, sealed, for the user: link once, and every session of the user (each sign-in, device and Swagger session, on every instance) reads appliances until the user unlinks or ThinQ refuses the token (then 401 `UPSTREAM_LOGIN_REQUIRED` once, and the link is gone). Linking again replaces the link. The check counts toward the user's ThinQ call budget, and toward the token endpoint's per-IP `auth` limit (429 `RATE_LIMITED`). In the sandbox the demo user comes linked.
     */
    put: operations['Links_linkThinq'];
    post?: never;
    /**
     * Unlink the ThinQ account
     * @description Drops the ThinQ account (and its token) from every session of the user, on every instance within 0.5 s.
     */
    delete: operations['Links_unlinkThinq'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a member with their device
     * @description Lux `POST /api/v1/lux/user/create-real-user`: creates a member (a person who uses a device) under the account and registers the device to them in one call. 400 `SERIAL_CODE_INVALID`, 404 `DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED` or `MEMBER_CREATE_FAILED`, 403 `NOT_AUTHORIZED_FOR_RESOURCE`. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    post: operations['Me_createMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/members/{memberId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A member
     * @description Lux `GET /api/v1/lux/user/real-user/{id}`: one member of the account. 404 `MEMBER_NOT_FOUND`; 403 `NOT_AUTHORIZED_FOR_RESOURCE` for another account’s member. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    get: operations['Me_member'];
    put?: never;
    post?: never;
    /**
     * Delete a member and free their device
     * @description Lux `DELETE /api/v1/lux/user/delete-real-user` with the JSON body `{real_user_id, unique_id}`: deletes the member and disconnects the device. `uniqueId` must be that member’s device (409 `MEMBER_DELETE_FAILED` otherwise). Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    delete: operations['Me_deleteMember'];
    options?: never;
    head?: never;
    /**
     * Update a member
     * @description Lux `PATCH /api/v1/lux/user/update-real-user` with the member id in the body: changes any of the names, birthdate (`YYYY-MM-DD`, `yyyymmdd` at Lux) and gender, and answers the member. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    patch: operations['Me_updateMember'];
    trace?: never;
  };
  '/v1/me/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update notification settings
     * @description Lux `PATCH /api/v1/lux/user/notification`: sets the three notification switches (all required, as Lux requires them; each defaults to false at Lux) and answers them as booleans. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise). 502 `NOTIFICATION_UPDATE_FAILED` when Lux cannot store them.
     */
    patch: operations['Me_updateNotifications'];
    trace?: never;
  };
  '/v1/me/phone': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change the phone number
     * @description Lux `POST /api/v1/lux/user/change-phone`: after an SMS code was sent to the new number, changes it (Lux `validnum` is `verificationCode` here). 400 `VERIFICATION_CODE_EXPIRED` or `VERIFICATION_CODE_INVALID`, 409 `PHONE_ALREADY_REGISTERED`, 410 `ACCOUNT_DELETED` when the number belongs to a deleted account. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    put: operations['Me_changePhone'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/policy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update push and marketing consent
     * @description Lux `PATCH /api/v1/lux/user/policy`: sets push and/or marketing consent and answers the policy with the time each consent last changed. Lux refuses it (409 `PUSH_TOKEN_MISSING`) until a push token is set with `PUT /v1/me/push-token`; 404 `USER_POLICY_NOT_FOUND` when the account has no policy record. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    patch: operations['Me_updatePolicy'];
    trace?: never;
  };
  '/v1/me/push-token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set the push (FCM) token
     * @description Lux `POST /api/v1/lux/user/push/set-token`: stores the FCM token Nueyne pushes to, and answers it. 409 `PUSH_NOT_PERMITTED` when push consent is off; 400 `PUSH_TOKEN_INVALID` when Lux refuses the token. Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    put: operations['Me_setPushToken'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/devices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The registered therapy devices
     * @description Legacy `GET /api/v1/legacy/device/my-devices`: the devices registered to the account. Cached per user for 30 s (`x-cache`, `age`, `cache-control`), dropped when the user registers or unregisters a device. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    get: operations['Therapy_devices'];
    put?: never;
    /**
     * Register a device
     * @description Legacy `POST /api/v1/legacy/device/set-my-device` (query `serial_code`, `mac_id`, `unique_id`): registers the device to the account. Nueyne answers no device, so neither does this route; `GET /v1/therapy/devices` lists it at once. 400 `SERIAL_CODE_INVALID`, 404 `DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED`, 502 `DEVICE_CONNECTION_FAILED`. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    post: operations['Therapy_registerDevice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/devices/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Check a device before connecting it
     * @description Legacy `GET /api/v1/legacy/device/check-device?unique_id=`: whether the device can be connected and registered; call it before connecting. Answers the device (with `userId` when it is already this user’s). 400 `DEVICE_NOT_REGISTERED` (no serial from the factory), 404 `DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED` (another user’s), 502 `DEVICE_CONNECTION_FAILED`. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    get: operations['Therapy_checkDevice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/devices/{deviceId}/last-used': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * When a device was last used
     * @description Legacy `GET /api/v1/legacy/device/devlog/lasttime/{device_id}`: the start of the latest recorded use. 404 `NO_USAGE_RECORDED` when there is none. Also dropped from the cache when a log of that device is uploaded here. Cached per user for 30 s (`x-cache`, `age`, `cache-control`), dropped when the user registers or unregisters a device. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    get: operations['Therapy_lastUse'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/devices/{uniqueId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Unregister a device
     * @description Legacy `PATCH /api/v1/legacy/device/un-connect?unique_id=`: removes the device from the account. 404 `DEVICE_NOT_FOUND` (unknown or not this user’s), 502 `DEVICE_DISCONNECT_FAILED`. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    delete: operations['Therapy_unregisterDevice'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/live-sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record the start or the end of a session as it happens
     * @description Legacy `POST /api/v1/elexir/device/devlog/temp`: a temporary usage record, so the use shows before the device uploads its log. Without `endedAt` it records the start (`finish_flag` 0, `last_date` ""); with `endedAt` and `finishFlag` it records the end of the session that has the same `deviceId` and `startedAt`. Answers the record (200 both times: Nueyne creates or updates it). 400 `THERAPY_LOG_SAVE_FAILED` naming `deviceId` when Nueyne cannot store it (it knows no such device). Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    post: operations['Therapy_recordLiveSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/therapy/logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Therapy logs of a month
     * @description Legacy `GET /api/v1/legacy/device/my-devlog/{yyyy-mm}`: the logs the account uploaded for that month (by `loggedAt`), newest first; the current month when `month` is omitted. 502 `THERAPY_LOG_READ_FAILED` when Nueyne cannot read them. Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    get: operations['Therapy_logs'];
    put?: never;
    /**
     * Upload a therapy log
     * @description Legacy `POST /api/v1/legacy/device/devlog`: stores one usage record of a device and answers it as stored. `loggedAt` is sent in the Nueyne time zone. 400 `THERAPY_LOG_SAVE_FAILED` naming `deviceId` when Nueyne cannot store it (it knows no such device). Needs a linked Elexir Legacy account (403 `ACCOUNT_NOT_LINKED` otherwise).
     */
    post: operations['Therapy_uploadLog'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * AirConditionerCommand
     * @description A command for a DEVICE_AIR_CONDITIONER: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).
     */
    AirConditionerCommand: {
      airConJobMode?: {
        /** @enum {string} */
        currentJobMode?: 'COOL' | 'AIR_DRY' | 'FAN' | 'AUTO';
      };
      airFlow?: {
        /** @enum {string} */
        windStrength?: 'LOW' | 'MID' | 'HIGH' | 'AUTO';
      };
      operation?: {
        /** @enum {string} */
        airConOperationMode?: 'POWER_ON' | 'POWER_OFF';
      };
      powerSave?: {
        powerSaveEnabled?: boolean;
      };
      temperature?: {
        /** @description 18 to 30, in steps of 0.5 */
        targetTemperature?: number;
      };
      timer?: {
        /** @description 0 to 24, in steps of 1 */
        relativeHourToStop?: number;
        /** @description 0 to 50, in steps of 10 */
        relativeMinuteToStop?: number;
      };
    };
    /**
     * AirConditionerStatus
     * @description The status of a DEVICE_AIR_CONDITIONER: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.
     */
    AirConditionerStatus: {
      airConJobMode?: {
        /** @description Values the profile lists: COOL, AIR_DRY, FAN, AUTO (a device may report others). */
        currentJobMode?: string;
      } & {
        [key: string]: unknown;
      };
      airFlow?: {
        /** @description Values the profile lists: LOW, MID, HIGH, AUTO (a device may report others). */
        windStrength?: string;
      } & {
        [key: string]: unknown;
      };
      /** @enum {string} */
      deviceType: 'DEVICE_AIR_CONDITIONER';
      operation?: {
        /** @description Values the profile lists: POWER_ON, POWER_OFF (a device may report others). */
        airConOperationMode?: string;
      } & {
        [key: string]: unknown;
      };
      powerSave?: {
        powerSaveEnabled?: boolean;
      } & {
        [key: string]: unknown;
      };
      remoteControlEnable?: {
        remoteControlEnabled?: boolean;
      } & {
        [key: string]: unknown;
      };
      temperature?: {
        currentTemperature?: number;
        targetTemperature?: number;
        /** @description Values the profile lists: C (a device may report others). */
        unit?: string;
      } & {
        [key: string]: unknown;
      };
      timer?: {
        relativeHourToStop?: number;
        relativeMinuteToStop?: number;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    /**
     * AirPurifierCommand
     * @description A command for a DEVICE_AIR_PURIFIER: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).
     */
    AirPurifierCommand: {
      airFlow?: {
        /** @enum {string} */
        windStrength?: 'MID' | 'LOW' | 'POWER' | 'HIGH' | 'AUTO';
      };
      airPurifierJobMode?: {
        /** @enum {string} */
        currentJobMode?: 'DUAL_CLEAN' | 'AUTO' | 'CLEAN' | 'CIRCULATOR';
      };
      operation?: {
        /** @enum {string} */
        airPurifierOperationMode?: 'POWER_ON' | 'POWER_OFF';
      };
      timer?: {
        absoluteHourToStart?: number;
        absoluteHourToStop?: number;
        absoluteMinuteToStart?: number;
        absoluteMinuteToStop?: number;
      };
    };
    /**
     * AirPurifierStatus
     * @description The status of a DEVICE_AIR_PURIFIER: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.
     */
    AirPurifierStatus: {
      airFlow?: {
        /** @description Values the profile lists: MID, LOW, POWER, HIGH, AUTO (a device may report others). */
        windStrength?: string;
      } & {
        [key: string]: unknown;
      };
      airPurifierJobMode?: {
        /** @description Values the profile lists: DUAL_CLEAN, AUTO, CLEAN, CIRCULATOR (a device may report others). */
        currentJobMode?: string;
      } & {
        [key: string]: unknown;
      };
      airQualitySensor?: {
        PM1?: number;
        PM10?: number;
        PM2?: number;
        humidity?: number;
        /** @description Values the profile lists: ON_WORKING, ALWAYS (a device may report others). */
        monitoringEnabled?: string;
        oder?: number;
        totalPollution?: number;
      } & {
        [key: string]: unknown;
      };
      /** @enum {string} */
      deviceType: 'DEVICE_AIR_PURIFIER';
      operation?: {
        /** @description Values the profile lists: POWER_ON, POWER_OFF (a device may report others). */
        airPurifierOperationMode?: string;
      } & {
        [key: string]: unknown;
      };
      timer?: {
        absoluteHourToStart?: number;
        absoluteHourToStop?: number;
        absoluteMinuteToStart?: number;
        absoluteMinuteToStop?: number;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    ApplianceDto: {
      /**
       * @description The name the user gave it; may be empty.
       * @example PAC1
       */
      alias: string;
      /** @example standard */
      codeName?: string;
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
      /**
       * @description `DEVICE_` + AIR_CONDITIONER, AIR_PURIFIER, REFRIGERATOR, WASHER, DRYER, ...
       * @example DEVICE_AIR_CONDITIONER
       */
      deviceType: string;
      /**
       * @description Only for DEVICE_WASHTOWER_WASHER and DEVICE_WASHTOWER_DRYER: the tower.
       * @example 1692851234567
       */
      groupId?: string;
      /** @example PAC_910604_KR */
      modelName: string;
      /**
       * @description Whether the device reports events.
       * @example true
       */
      reportable: boolean;
    };
    ApplianceErrorEventDto: {
      /**
       * @description The problem code a status read would answer (DEVICE_OFFLINE, UPSTREAM_*...).
       * @example DEVICE_OFFLINE
       */
      code: string;
      /** @example The device is not connected to ThinQ. */
      detail: string;
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
      /** @example 409 */
      status: number;
    };
    ApplianceNotificationDto: {
      /**
       * @example [
       *       "LACK_OF_WATER",
       *       "POLLUTION_IS_HIGH"
       *     ]
       */
      push: string[];
    };
    ApplianceNotificationEventDto: {
      /**
       * Format: date-time
       * @description When the gateway received it.
       * @example 2026-12-04T21:30:00.000Z
       */
      at: string;
      /**
       * @description ThinQ’s notification code (`pushCode`): a finished cycle, an open door...
       * @example WASHING_IS_COMPLETE
       */
      code: string;
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
    };
    ApplianceProfileDto: {
      /**
       * @example [
       *       "FAN_MOTOR_ERROR"
       *     ]
       */
      error?: string[];
      notification?: components['schemas']['ApplianceNotificationDto'];
      /**
       * @description Resources by name; each maps property names to specs. Located resources (a refrigerator’s `temperature`) are lists whose entries carry a `locationName`.
       * @example {
       *       "airFlow": {
       *         "windStrength": {
       *           "mode": [
       *             "r",
       *             "w"
       *           ],
       *           "type": "enum",
       *           "value": {
       *             "r": [
       *               "MID",
       *               "LOW",
       *               "POWER",
       *               "HIGH",
       *               "AUTO"
       *             ],
       *             "w": [
       *               "MID",
       *               "LOW",
       *               "POWER",
       *               "HIGH",
       *               "AUTO"
       *             ]
       *           }
       *         }
       *       },
       *       "airQualitySensor": {
       *         "PM10": {
       *           "mode": [
       *             "r"
       *           ],
       *           "type": "number"
       *         }
       *       },
       *       "operation": {
       *         "airPurifierOperationMode": {
       *           "mode": [
       *             "r",
       *             "w"
       *           ],
       *           "type": "enum",
       *           "value": {
       *             "r": [
       *               "POWER_ON",
       *               "POWER_OFF"
       *             ],
       *             "w": [
       *               "POWER_ON",
       *               "POWER_OFF"
       *             ]
       *           }
       *         }
       *       },
       *       "timer": {
       *         "absoluteHourToStart": {
       *           "mode": [
       *             "r",
       *             "w"
       *           ],
       *           "type": "number"
       *         }
       *       }
       *     }
       */
      property: {
        [key: string]:
          | {
              [key: string]: unknown;
            }
          | {
              [key: string]: unknown;
            }[];
      };
    };
    ApplianceQuotaEventDto: {
      /**
       * @description True: the linked account’s hourly ThinQ call budget is spent; the stream keeps the last values until it is back (false).
       * @example true
       */
      exhausted: boolean;
      /** @example 60 */
      retryAfterSeconds?: number;
    };
    ApplianceRemovedEventDto: {
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
    };
    ApplianceShutdownEventDto: {
      /** @example This instance is shutting down; reconnect (with Last-Event-ID) to carry on. */
      detail: string;
      /**
       * @example shutdown
       * @enum {string}
       */
      reason: 'shutdown';
    };
    ApplianceSnapshotEventDto: {
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
      /**
       * @description The whole status, as `GET /v1/appliances/{deviceId}/status` answers it (`ApplianceStatus`) but without its `deviceType` (the device list gives it).
       * @example {
       *       "doorStatus": [
       *         {
       *           "doorState": "CLOSE",
       *           "locationName": "MAIN"
       *         }
       *       ],
       *       "refrigeration": {
       *         "expressMode": false,
       *         "freshAirFilter": "OFF"
       *       },
       *       "temperature": [
       *         {
       *           "locationName": "FRIDGE",
       *           "targetTemperature": 5,
       *           "unit": "C"
       *         },
       *         {
       *           "locationName": "FREEZER",
       *           "targetTemperature": -18,
       *           "unit": "C"
       *         }
       *       ]
       *     }
       */
      status: {
        [key: string]:
          | {
              [key: string]: unknown;
            }
          | {
              [key: string]: unknown;
            }[];
      };
    };
    ApplianceStatusEventDto: {
      /** @example TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435 */
      deviceId: string;
      /**
       * @description Only what changed. Merge it into the last status: an object resource property by property, a located list entry by entry on `locationName`; `null` means the property (or the whole resource) is no longer reported.
       * @example {
       *       "temperature": {
       *         "currentTemperature": 25.5
       *       }
       *     }
       */
      status: {
        [key: string]:
          | ({
              [key: string]: unknown;
            } | null)
          | {
              [key: string]: unknown;
            }[];
      };
    };
    AuthorizationServerMetadataDto: {
      /**
       * @example [
       *       "password",
       *       "refresh_token",
       *       "client_credentials"
       *     ]
       */
      grant_types_supported: string[];
      /**
       * Format: uri
       * @example https://api.junction.dev
       */
      issuer: string;
      /**
       * Format: uri
       * @example https://api.junction.dev/.well-known/jwks.json
       */
      jwks_uri: string;
      /**
       * @description Empty: no authorization endpoint.
       * @example []
       */
      response_types_supported: string[];
      /**
       * Format: uri
       * @example https://api.junction.dev/v1/auth/revoke
       */
      revocation_endpoint: string;
      /**
       * @example [
       *       "client_secret_basic",
       *       "client_secret_post",
       *       "none"
       *     ]
       */
      revocation_endpoint_auth_methods_supported: string[];
      /**
       * @example [
       *       "profile",
       *       "therapy",
       *       "appliances"
       *     ]
       */
      scopes_supported: string[];
      /**
       * Format: uri
       * @example https://api.junction.dev/v1/auth/token
       */
      token_endpoint: string;
      /**
       * @example [
       *       "client_secret_basic",
       *       "client_secret_post",
       *       "none"
       *     ]
       */
      token_endpoint_auth_methods_supported: string[];
    };
    ChangePhoneDto: {
      /**
       * @description The new number, as Lux keeps it (E.164 such as `+821012345678` in its examples): digits, `+`, spaces, `-`, `(` and `)`, up to 32 characters.
       * @example +821012345678
       */
      phone: string;
      /**
       * @description The SMS verification code (Lux `validnum`): digits.
       * @example 123456
       */
      verificationCode: string;
    };
    CheckedTherapyDeviceDto: {
      /** @example 1 */
      id: number;
      /** @example C8:F0:9E:41:AD:12 */
      macId: string | null;
      /** @example 2 */
      modelId: number;
      /**
       * Format: date-time
       * @example 2024-11-28T04:19:43.007Z
       */
      registeredAt: string | null;
      /** @example SL20301004 */
      serialCode: string | null;
      /** @example 2E0031000C50524833343723 */
      uniqueId: string;
      /**
       * @description The owner when the device is already registered to this user; null when free.
       * @example null
       */
      userId: number | null;
    };
    ConferenceLicenseDto: {
      /**
       * Format: date-time
       * @description When the license was created, ISO 8601 in UTC.
       * @example 2020-12-22T15:00:00.000Z
       */
      createdAt: string;
      /**
       * @description The license domain.
       * @example trial
       */
      domain: string;
      /**
       * @description Whether the license is active (Interwater sends 0 or 1).
       * @example true
       */
      enabled: boolean;
      /**
       * @description How many rooms the license allows.
       * @example 10
       */
      roomLimit: number;
    };
    ConferenceSessionDto: {
      /** @example gsdagd */
      roomName: string;
      /**
       * @description `WAIT`: the room is open and waiting; `ON_GOING`: the meeting is running.
       * @example ON_GOING
       * @enum {string}
       */
      status: 'WAIT' | 'ON_GOING';
      /**
       * @description How many participants are in the room now (Interwater’s name, kept).
       * @example 2
       */
      user: number;
    };
    ConferenceUsageDto: {
      /** @description Every session that started in the range, in Interwater’s order (newest first). */
      detail: components['schemas']['ConferenceUsageRowDto'][];
      /**
       * @description The license domain.
       * @example https://readme.interwater.biz
       */
      domain: string;
      /**
       * @description Sum of `sessionTimeSecond` over `detail`, in seconds.
       * @example 49951
       */
      totalSecond: number;
    };
    ConferenceUsageRowDto: {
      /**
       * Format: date-time
       * @description When the session started, ISO 8601 in UTC.
       * @example 2021-02-22T12:39:26.000Z
       */
      createdAt: string;
      /** @example gsdagd */
      roomName: string;
      /**
       * @description How long the session lasted, in seconds.
       * @example 42936
       */
      sessionTimeSecond: number;
    };
    ConfirmPhoneDto: {
      /**
       * @description The number the code was sent to. E.164 (`+`, country code, number; no spaces or dashes), and a number its country's plan allows.
       * @example +821012345678
       */
      phone: string;
      /**
       * @description The 6-digit code of the SMS.
       * @example 123456
       */
      verificationCode: string;
    };
    CreateMemberDto: {
      /**
       * Format: date
       * @description Sent to Lux as `yyyymmdd`.
       * @example 1997-01-01
       */
      birthdate: string;
      /** @description The device registered to the member. */
      device: components['schemas']['MemberDeviceDto'];
      /**
       * @description The full name.
       * @example test
       */
      firstName: string;
      /**
       * @description `M` male, `F` female, `N` non-binary, `P` prefers not to say.
       * @example F
       * @enum {string}
       */
      gender: 'M' | 'F' | 'N' | 'P';
      /**
       * @description Lux asks for an empty string here (the full name is in firstName).
       * @example
       */
      lastName: string;
    };
    CreatedMemberDto: {
      /**
       * Format: date
       * @example 1997-01-01
       */
      birthdate: string | null;
      /**
       * Format: date-time
       * @example 2024-10-28T08:09:47.889Z
       */
      createdAt: string | null;
      /** @example string */
      deviceAlias: string | null;
      /** @example 1 */
      deviceId: number | null;
      /** @example test */
      firstName: string | null;
      /**
       * @example F
       * @enum {string|null}
       */
      gender: 'M' | 'F' | 'N' | 'P' | null;
      /** @example 0 */
      lastLogFileId: number | null;
      /** @example  */
      lastName: string | null;
      /**
       * @description The member id (`real_user_id`).
       * @example 1
       */
      memberId: number;
      /** @example 1 */
      nowFirmwareId: number | null;
      /** @example SL20401000 */
      serialCode: string | null;
      /** @example unique */
      uniqueId: string | null;
    };
    DeviceItemDto: {
      /**
       * @description ThinQ WashTower pairs.
       * @example 1692851234567
       */
      groupId?: string;
      /**
       * @description This device's own resource.
       * @example /v1/appliances/TQS-A0FA49E5-1B95-4F9A-89B5-E4156706276A/status
       */
      href: string;
      /**
       * @description `legacy:<device id>` or `thinq:<deviceId>`.
       * @example legacy:3
       */
      id: string;
      /** @enum {string} */
      kind: 'therapy' | 'appliance';
      /** @example ELEXIR */
      model?: string | null;
      /**
       * @description ThinQ alias, or the therapy device serial code.
       * @example Living room purifier
       */
      name?: string | null;
      /**
       * @description Therapy devices: when it was registered.
       * @example 2023-06-01T00:00:00Z
       */
      registeredAt?: string | null;
      /** @enum {string} */
      source: 'legacy' | 'thinq';
      /**
       * @description ThinQ deviceType, or `THERAPY_DEVICE` for Elexir Legacy.
       * @example DEVICE_AIR_PURIFIER
       */
      type: string;
    };
    DeviceLastUseDto: {
      /** @example 1 */
      deviceId: number;
      /**
       * Format: date-time
       * @description When the latest recorded use started.
       * @example 2025-04-11T15:58:00Z
       */
      lastUsedAt: string | null;
    };
    DeviceListDto: {
      /** @description Sources that failed or missed their deadline: their devices are left out of `items`. Empty when all answered. */
      errors: components['schemas']['SourceErrorDto'][];
      /** @description One entry per source whose devices are in `items`: `live`, `cached` (with its age) or `stale` (with its age and the reason). A source in `errors` has none. */
      freshness: components['schemas']['SourceFreshnessDto'][];
      items: components['schemas']['DeviceItemDto'][];
      /** @description Sources whose devices in `items` come from the gateway’s cache because the source could not be asked (its call budget is spent, it failed, or it is slow): show them with a note. Empty when every source answered fresh. */
      warnings: components['schemas']['SourceWarningDto'][];
    };
    /**
     * DryerCommand
     * @description A command for a DEVICE_DRYER or DEVICE_WASHTOWER_DRYER: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).
     */
    DryerCommand: {
      operation?: {
        /** @enum {string} */
        dryerOperationMode?: 'START' | 'STOP' | 'POWER_OFF' | 'WAKE_UP';
      };
    };
    /**
     * DryerStatus
     * @description The status of a DEVICE_DRYER or DEVICE_WASHTOWER_DRYER: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.
     */
    DryerStatus: {
      /** @enum {string} */
      deviceType: 'DEVICE_DRYER' | 'DEVICE_WASHTOWER_DRYER';
      remoteControlEnable?: {
        remoteControlEnabled?: boolean;
      } & {
        [key: string]: unknown;
      };
      runState?: {
        /** @description Values the profile lists: POWER_OFF, INITIAL, PAUSE, DETECTING, RUNNING, RINSING, SPINNING, DRYING, END, ERROR (a device may report others). */
        currentState?: string;
      } & {
        [key: string]: unknown;
      };
      timer?: {
        remainHour?: number;
        remainMinute?: number;
        totalHour?: number;
        totalMinute?: number;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    EmailAvailabilityDto: {
      /**
       * @description No Elexir Legacy account uses this e-mail yet.
       * @example true
       */
      available: boolean;
      /** @example new@junction.dev */
      email: string;
    };
    /**
     * @description The problem code that source would have answered.
     * @enum {string}
     */
    ErrorCode:
      | 'VALIDATION_FAILED'
      | 'MALFORMED_BODY'
      | 'MALFORMED_REQUEST'
      | 'REQUEST_HEADERS_TOO_LARGE'
      | 'REQUEST_TIMEOUT'
      | 'PAYLOAD_TOO_LARGE'
      | 'UNSUPPORTED_MEDIA_TYPE'
      | 'NOT_FOUND'
      | 'METHOD_NOT_ALLOWED'
      | 'UNAUTHENTICATED'
      | 'INVALID_TOKEN'
      | 'INSUFFICIENT_SCOPE'
      | 'ACCOUNT_NOT_LINKED'
      | 'UPSTREAM_LOGIN_REQUIRED'
      | 'UPSTREAM_CREDENTIALS_REJECTED'
      | 'RATE_LIMITED'
      | 'UPSTREAM_RATE_LIMITED'
      | 'UPSTREAM_QUOTA_EXHAUSTED'
      | 'TOO_MANY_STREAMS'
      | 'IDEMPOTENCY_KEY_REUSED'
      | 'IDEMPOTENT_REQUEST_IN_FLIGHT'
      | 'UPSTREAM_UNAVAILABLE'
      | 'UPSTREAM_TIMEOUT'
      | 'UPSTREAM_BAD_RESPONSE'
      | 'UPSTREAM_ERROR'
      | 'UPSTREAM_REJECTED_REQUEST'
      | 'RESOURCE_NOT_FOUND'
      | 'CONFLICT'
      | 'DEVICE_NOT_FOUND'
      | 'DEVICE_NOT_REGISTERED'
      | 'DEVICE_ALREADY_CONNECTED'
      | 'SERIAL_CODE_INVALID'
      | 'DEVICE_OFFLINE'
      | 'INVALID_COMMAND'
      | 'COMMAND_NOT_SUPPORTED_NOW'
      | 'NOT_SUPPORTED'
      | 'MEMBER_NOT_FOUND'
      | 'NOT_AUTHORIZED_FOR_RESOURCE'
      | 'USER_NOT_FOUND'
      | 'ACCOUNT_DELETED'
      | 'PUSH_NOT_PERMITTED'
      | 'VERIFICATION_CODE_EXPIRED'
      | 'VERIFICATION_CODE_INVALID'
      | 'PHONE_ALREADY_REGISTERED'
      | 'EMAIL_ALREADY_REGISTERED'
      | 'PHONE_VERIFICATION_REQUIRED'
      | 'SMS_NOT_SENT'
      | 'SIGN_UP_FAILED'
      | 'NO_USAGE_RECORDED'
      | 'USER_POLICY_NOT_FOUND'
      | 'PUSH_TOKEN_MISSING'
      | 'PUSH_TOKEN_INVALID'
      | 'MEMBER_CREATE_FAILED'
      | 'MEMBER_DELETE_FAILED'
      | 'NOTIFICATION_UPDATE_FAILED'
      | 'ACCOUNT_DELETE_FAILED'
      | 'DEVICE_CONNECTION_FAILED'
      | 'DEVICE_DISCONNECT_FAILED'
      | 'THERAPY_LOG_SAVE_FAILED'
      | 'THERAPY_LOG_READ_FAILED'
      | 'ROOM_NOT_FOUND'
      | 'SERVICE_UNAVAILABLE'
      | 'INTERNAL_ERROR';
    EventTicketDto: {
      /**
       * @description Seconds the ticket is valid for.
       * @example 30
       */
      expiresIn: number;
      /**
       * @description Use it once, within `expiresIn` seconds, as `?ticket=` on the stream.
       * @example m1Jp3k0cQ0hVgJ0o0y8Zx7c1u2V4b5N6m7Q8r9S0t1U
       */
      ticket: string;
    };
    FieldProblemDto: {
      /** @example birthdate */
      field: string;
      /** @example birthdate must be a date as YYYY-MM-DD */
      message: string;
    };
    HomeDto: {
      /** @description As GET /v1/devices. */
      devices: components['schemas']['DeviceItemDto'][];
      /** @description Every part that failed or missed the deadline, with the status and code its own route would have answered. Not being linked is not an error. */
      errors: components['schemas']['SourceErrorDto'][];
      /** @description One entry per part that is in the answer (not null; for `devices`, per source): `live`, `cached` (with its age) or `stale` (with its age and the reason). A part in `errors`, or not linked, has none. */
      freshness: components['schemas']['PartFreshnessDto'][];
      /** @description Live conference sessions; null without the conference:read scope or when Interwater failed. */
      liveSessions?: components['schemas']['ConferenceSessionDto'][] | null;
      /** @description Lux profile; null without a Lux link or when Lux failed (see `errors`). */
      profile?: components['schemas']['ProfileDto'] | null;
      /** @description Null without a Legacy link or when it failed. */
      therapySummary?: components['schemas']['TherapySummaryDto'] | null;
      /** @description As in GET /v1/devices: sources whose devices come from the gateway’s cache because they could not be asked (e.g. `UPSTREAM_QUOTA_EXHAUSTED`: the ThinQ call budget is spent). */
      warnings: components['schemas']['SourceWarningDto'][];
    };
    JwkDto: {
      /**
       * @example ES256
       * @enum {string}
       */
      alg: 'ES256' | 'EdDSA' | 'RS256';
      /**
       * @description EC and OKP.
       * @example P-256
       * @enum {string}
       */
      crv?: 'P-256' | 'Ed25519';
      /**
       * @description RSA: the exponent (base64url).
       * @example AQAB
       */
      e?: string;
      /**
       * @description RFC 7638 thumbprint.
       * @example ZP6eL0Q3mWvVg3s1aV9n2b6y2j0cJt0Q5a5oYVvW3qQ
       */
      kid: string;
      /**
       * @example EC
       * @enum {string}
       */
      kty: 'EC' | 'OKP' | 'RSA';
      /** @description RSA: the modulus (base64url). */
      n?: string;
      /**
       * @example sig
       * @enum {string}
       */
      use: 'sig';
      /** @description EC and OKP: the x coordinate (base64url). */
      x?: string;
      /** @description EC: the y coordinate (base64url). */
      y?: string;
    };
    JwksDto: {
      /** @description During a key rotation, more than one. */
      keys: components['schemas']['JwkDto'][];
    };
    LegacyRecoverIdDto: {
      /**
       * Format: date
       * @example 1988-03-15
       */
      birthdate: string;
      /**
       * @example F
       * @enum {string}
       */
      gender: 'M' | 'F';
      /**
       * @description The Korean mobile number of the account. E.164 (`+`, country code, number; no spaces or dashes), and a number its country's plan allows.
       * @example +821012345678
       */
      phone: string;
    };
    LegacyRecoveredIdDto: {
      /**
       * @description The account e-mail, masked: this route proves no possession of anything, only facts someone else may know.
       * @example de**@junction.dev
       */
      maskedEmail: string;
    };
    LegacySignUpDto: {
      /**
       * Format: date
       * @description The account holder's.
       * @example 1990-01-01
       */
      birthdate: string;
      /**
       * Format: date
       * @description The device user's birth date (Legacy's `birthdate_real`); default `birthdate`.
       * @example 1960-05-05
       */
      deviceUserBirthdate?: string;
      /**
       * @description The device user's gender when it is not the holder (Legacy's `gender_real`); default `gender`.
       * @enum {string}
       */
      deviceUserGender?: 'M' | 'F';
      /**
       * Format: email
       * @description The sign-in e-mail; Nueyne mails a verification link to it.
       * @example new@junction.dev
       */
      email: string;
      /**
       * @description The account holder: `M` male, `F` female.
       * @example M
       * @enum {string}
       */
      gender: 'M' | 'F';
      /** @example true */
      isMarketingAgree: boolean;
      /** @example true */
      isPushAgree: boolean;
      /**
       * @description The person's name (Legacy's `username`).
       * @example 홍길동
       */
      name: string;
      /** @example correct horse battery */
      password: string;
      /**
       * @description A Korean mobile number (+8210..., +8211...); sent to Legacy as `010-1234-5678`. E.164 (`+`, country code, number; no spaces or dashes), and a number its country's plan allows.
       * @example +821012345678
       */
      phone: string;
      /**
       * @description Where the user lives (Legacy's `adrs`), one of the regions Nueyne documents.
       * @example 경기도
       * @enum {string}
       */
      region:
        | '강원도'
        | '경기도'
        | '경상북도'
        | '광주광역시'
        | '대구광역시'
        | '대전광역시'
        | '부산광역시'
        | '서울특별시'
        | '세종특별자치시'
        | '울산광역시'
        | '인천광역시'
        | '전라남도'
        | '전라북도'
        | '충청남도'
        | '충청북도';
      /**
       * @description Who uses the device: `S` the account holder (Nueyne's example), otherwise the user's relation to the holder (the docs name 부모 parent and 자녀 child).
       * @example S
       */
      relation: string;
      /** @description Apple account `sub`. */
      socialAppleId?: string;
      /** @description Google account `sub`. */
      socialGoogleId?: string;
      /** @description Kakao account `sub`. */
      socialKakaoId?: string;
      /** @description Naver account `sub`. */
      socialNaverId?: string;
    };
    LegacySignedUpDto: {
      /** @example elder@junction.dev */
      email: string;
      /**
       * @description Always true: Nueyne mailed a verification link, and the account signs in (POST /v1/auth/token, provider legacy) once it is followed.
       * @example true
       */
      emailVerificationRequired: boolean;
    };
    LinkStatusDto: {
      /**
       * @description The upstream account id (Nueyne).
       * @example 1
       */
      accountId?: string;
      /**
       * @description ThinQ only.
       * @example KR
       */
      countryCode?: string;
      linked: boolean;
      /** @example 2026-11-22T10:00:00.000Z */
      linkedAt?: string;
      /** @enum {string} */
      provider: 'lux' | 'legacy' | 'thinq';
      /**
       * @description login_required: the upstream ended the login; link again.
       * @enum {string}
       */
      state?: 'active' | 'login_required';
    };
    LinksDto: {
      legacy: components['schemas']['LinkStatusDto'];
      lux: components['schemas']['LinkStatusDto'];
      thinq: components['schemas']['LinkStatusDto'];
    };
    LiveSessionDto: {
      /** @example 2 */
      deviceId: number;
      /**
       * Format: date-time
       * @description Null while the session runs.
       * @example 2025-04-14T04:53:49.261Z
       */
      endedAt: string | null;
      /**
       * @description How the session ended: 0 in progress, 1 normal, 2 power button, 3 stopped from the app, 4 poor electrode contact, 7 factory test (the vendor documents these as its best guess).
       * @example 1
       */
      finishFlag: number;
      /**
       * @description `finishFlag` in words: 0 `in_progress`, 1 `normal`, 2 `button`, 3 `app`, 4 `faulty_contact`, 7 `factory`, any other `unknown`.
       * @example normal
       * @enum {string}
       */
      finishReason:
        'in_progress' | 'normal' | 'button' | 'app' | 'faulty_contact' | 'factory' | 'unknown';
      /** @example 2 */
      modelId: number;
      /**
       * Format: date-time
       * @example 2025-04-14T03:53:49.261Z
       */
      startedAt: string | null;
      /** @example 270038000C50524833343720 */
      uniqueId: string;
      /** @example 2 */
      userId: number;
    };
    LiveSessionInputDto: {
      /**
       * Format: int32
       * @description The device.
       * @example 2
       */
      deviceId: number;
      /**
       * Format: date-time
       * @description When the session ended, not before `startedAt`. Absent or null: this call records the start (the answer says null while the session runs).
       * @example 2025-04-14T04:53:49.261Z
       */
      endedAt?: string | null;
      /**
       * Format: int32
       * @description How the session ended: 0 in progress, 1 normal, 2 power button, 3 stopped from the app, 4 poor electrode contact, 7 factory test (the vendor documents these as its best guess). Required with endedAt (1 or more); absent (or 0) on a start. Not null.
       * @example 1
       */
      finishFlag?: number;
      /**
       * Format: int32
       * @description The device model.
       * @example 2
       */
      modelId: number;
      /**
       * Format: date-time
       * @description When the session started; the finish call must repeat the same value.
       * @example 2025-04-14T03:53:49.261Z
       */
      startedAt: string;
      /**
       * @description The device uuid. Visible ASCII, no spaces.
       * @example 270038000C50524833343720
       */
      uniqueId: string;
      /**
       * Format: int32
       * @description The member (child account) using the device.
       * @example 2
       */
      userId: number;
    };
    LivenessDto: {
      /** @example ok */
      status: string;
    };
    LuxRecoverIdDto: {
      /**
       * @description The number the code was sent to (POST /v1/accounts/lux/phone-verifications). E.164 (`+`, country code, number; no spaces or dashes), and a number its country's plan allows.
       * @example +821012345678
       */
      phone: string;
      /**
       * @description The 6-digit code of the SMS.
       * @example 123456
       */
      verificationCode: string;
    };
    LuxRecoveredIdDto: {
      /**
       * @description The sign-in e-mail of the account.
       * @example demo@junction.dev
       */
      email: string;
      /**
       * @description How the account signs in, as Nueyne says (`email`, `kakao`, `naver`, ...).
       * @example email
       */
      provider: string | null;
    };
    LuxSignUpDto: {
      /**
       * Format: date
       * @description Sent to Lux as `yyyymmdd`.
       * @example 1997-01-31
       */
      birthdate: string;
      /**
       * Format: email
       * @description The sign-in e-mail.
       * @example new@junction.dev
       */
      email: string;
      /**
       * @description The whole name (Lux's `first_name`; its `last_name` is deprecated and sent empty).
       * @example Minji Park
       */
      firstName: string;
      /**
       * @description `M` male, `F` female, `P` prefers not to say.
       * @example F
       * @enum {string}
       */
      gender: 'M' | 'F' | 'P';
      /**
       * @description Agrees to marketing messages.
       * @example false
       */
      isMarketingAgree: boolean;
      /**
       * @description Agrees to push notifications.
       * @example true
       */
      isPushAgree: boolean;
      /**
       * @description Country, ISO 3166-1 alpha-2 (an officially assigned code).
       * @example KR
       * @enum {string}
       */
      nationalCode:
        | 'AD'
        | 'AE'
        | 'AF'
        | 'AG'
        | 'AI'
        | 'AL'
        | 'AM'
        | 'AO'
        | 'AQ'
        | 'AR'
        | 'AS'
        | 'AT'
        | 'AU'
        | 'AW'
        | 'AX'
        | 'AZ'
        | 'BA'
        | 'BB'
        | 'BD'
        | 'BE'
        | 'BF'
        | 'BG'
        | 'BH'
        | 'BI'
        | 'BJ'
        | 'BL'
        | 'BM'
        | 'BN'
        | 'BO'
        | 'BQ'
        | 'BR'
        | 'BS'
        | 'BT'
        | 'BV'
        | 'BW'
        | 'BY'
        | 'BZ'
        | 'CA'
        | 'CC'
        | 'CD'
        | 'CF'
        | 'CG'
        | 'CH'
        | 'CI'
        | 'CK'
        | 'CL'
        | 'CM'
        | 'CN'
        | 'CO'
        | 'CR'
        | 'CU'
        | 'CV'
        | 'CW'
        | 'CX'
        | 'CY'
        | 'CZ'
        | 'DE'
        | 'DJ'
        | 'DK'
        | 'DM'
        | 'DO'
        | 'DZ'
        | 'EC'
        | 'EE'
        | 'EG'
        | 'EH'
        | 'ER'
        | 'ES'
        | 'ET'
        | 'FI'
        | 'FJ'
        | 'FK'
        | 'FM'
        | 'FO'
        | 'FR'
        | 'GA'
        | 'GB'
        | 'GD'
        | 'GE'
        | 'GF'
        | 'GG'
        | 'GH'
        | 'GI'
        | 'GL'
        | 'GM'
        | 'GN'
        | 'GP'
        | 'GQ'
        | 'GR'
        | 'GS'
        | 'GT'
        | 'GU'
        | 'GW'
        | 'GY'
        | 'HK'
        | 'HM'
        | 'HN'
        | 'HR'
        | 'HT'
        | 'HU'
        | 'ID'
        | 'IE'
        | 'IL'
        | 'IM'
        | 'IN'
        | 'IO'
        | 'IQ'
        | 'IR'
        | 'IS'
        | 'IT'
        | 'JE'
        | 'JM'
        | 'JO'
        | 'JP'
        | 'KE'
        | 'KG'
        | 'KH'
        | 'KI'
        | 'KM'
        | 'KN'
        | 'KP'
        | 'KR'
        | 'KW'
        | 'KY'
        | 'KZ'
        | 'LA'
        | 'LB'
        | 'LC'
        | 'LI'
        | 'LK'
        | 'LR'
        | 'LS'
        | 'LT'
        | 'LU'
        | 'LV'
        | 'LY'
        | 'MA'
        | 'MC'
        | 'MD'
        | 'ME'
        | 'MF'
        | 'MG'
        | 'MH'
        | 'MK'
        | 'ML'
        | 'MM'
        | 'MN'
        | 'MO'
        | 'MP'
        | 'MQ'
        | 'MR'
        | 'MS'
        | 'MT'
        | 'MU'
        | 'MV'
        | 'MW'
        | 'MX'
        | 'MY'
        | 'MZ'
        | 'NA'
        | 'NC'
        | 'NE'
        | 'NF'
        | 'NG'
        | 'NI'
        | 'NL'
        | 'NO'
        | 'NP'
        | 'NR'
        | 'NU'
        | 'NZ'
        | 'OM'
        | 'PA'
        | 'PE'
        | 'PF'
        | 'PG'
        | 'PH'
        | 'PK'
        | 'PL'
        | 'PM'
        | 'PN'
        | 'PR'
        | 'PS'
        | 'PT'
        | 'PW'
        | 'PY'
        | 'QA'
        | 'RE'
        | 'RO'
        | 'RS'
        | 'RU'
        | 'RW'
        | 'SA'
        | 'SB'
        | 'SC'
        | 'SD'
        | 'SE'
        | 'SG'
        | 'SH'
        | 'SI'
        | 'SJ'
        | 'SK'
        | 'SL'
        | 'SM'
        | 'SN'
        | 'SO'
        | 'SR'
        | 'SS'
        | 'ST'
        | 'SV'
        | 'SX'
        | 'SY'
        | 'SZ'
        | 'TC'
        | 'TD'
        | 'TF'
        | 'TG'
        | 'TH'
        | 'TJ'
        | 'TK'
        | 'TL'
        | 'TM'
        | 'TN'
        | 'TO'
        | 'TR'
        | 'TT'
        | 'TV'
        | 'TW'
        | 'TZ'
        | 'UA'
        | 'UG'
        | 'UM'
        | 'US'
        | 'UY'
        | 'UZ'
        | 'VA'
        | 'VC'
        | 'VE'
        | 'VG'
        | 'VI'
        | 'VN'
        | 'VU'
        | 'WF'
        | 'WS'
        | 'YE'
        | 'YT'
        | 'ZA'
        | 'ZM'
        | 'ZW';
      /** @example correct horse battery */
      password: string;
      /**
       * @description From POST /v1/accounts/lux/phone-verifications/confirm. The account gets that phone number.
       * @example q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE
       */
      verificationToken: string;
    };
    MemberDeviceDto: {
      /**
       * @description The last four hex digits of the device MAC, without `:`, as Lux documents it (sent upper-cased).
       * @example 41AD
       */
      macId: string;
      /**
       * @description The serial code (visible ASCII, no spaces).
       * @example SL20401000
       */
      serialCode: string;
      /**
       * @description The device uuid (visible ASCII, no spaces).
       * @example unique
       */
      uniqueId: string;
    };
    MemberDto: {
      /**
       * Format: date
       * @example 2001-06-08
       */
      birthdate: string | null;
      /** @example tester */
      firstName: string | null;
      /**
       * @example P
       * @enum {string|null}
       */
      gender: 'M' | 'F' | 'N' | 'P' | null;
      /** @example john */
      lastName: string | null;
      /**
       * @description The member id.
       * @example 1
       */
      memberId: number;
      /**
       * @description The Lux account the member belongs to.
       * @example 1
       */
      rootUserId: number;
    };
    NotificationsDto: {
      /**
       * @description Base station sensor alerts.
       * @example true
       */
      isBasestationAlertEnabled: boolean;
      /**
       * @description KakaoTalk alert when the electrodes lose contact.
       * @example true
       */
      isDeviceAlimTalkEnabled: boolean;
      /**
       * @description Withnox device mute mode.
       * @example true
       */
      isDeviceMuted: boolean;
    };
    NueyneCredentialsDto: {
      /** @example junction-demo */
      password: string;
      /**
       * Format: email
       * @description The e-mail of the Nueyne account.
       * @example demo@junction.dev
       */
      username: string;
    };
    OAuthErrorDto: {
      /**
       * @example invalid_grant
       * @enum {string}
       */
      error:
        | 'invalid_request'
        | 'invalid_client'
        | 'invalid_grant'
        | 'unsupported_grant_type'
        | 'invalid_scope'
        | 'unsupported_token_type'
        | 'temporarily_unavailable'
        | 'server_error';
      /** @example The e-mail or password is wrong. */
      error_description: string;
      /** @example 8d3c7e2e-1f0a-4c61-9d55-0a0f3e4b5c6d */
      requestId: string;
    };
    /**
     * OtherApplianceStatus
     * @description The status of a device type without a typed schema: resources by name, shaped by the device profile.
     */
    OtherApplianceStatus: {
      /** @example DEVICE_ROBOT_CLEANER */
      deviceType:
        | 'DEVICE_AIR_PURIFIER_FAN'
        | 'DEVICE_CEILING_FAN'
        | 'DEVICE_COOKTOP'
        | 'DEVICE_DEHUMIDIFIER'
        | 'DEVICE_DISH_WASHER'
        | 'DEVICE_HOME_BREW'
        | 'DEVICE_HOOD'
        | 'DEVICE_HUMIDIFIER'
        | 'DEVICE_KIMCHI_REFRIGERATOR'
        | 'DEVICE_MICROWAVE_OVEN'
        | 'DEVICE_OVEN'
        | 'DEVICE_PLANT_CULTIVATOR'
        | 'DEVICE_ROBOT_CLEANER'
        | 'DEVICE_STICK_CLEANER'
        | 'DEVICE_STYLER'
        | 'DEVICE_SYSTEM_BOILER'
        | 'DEVICE_VENTILATOR'
        | 'DEVICE_WASHCOMBO_MAIN'
        | 'DEVICE_WASHCOMBO_MINI'
        | 'DEVICE_WATER_HEATER'
        | 'DEVICE_WATER_PURIFIER'
        | 'DEVICE_WINE_CELLAR';
    } & {
      [key: string]: unknown;
    };
    PartFreshnessDto: {
      /**
       * @description Seconds since the source answered what is served.
       * @example 42
       */
      ageSeconds: number;
      /**
       * @description The field of the answer this entry is about; `devices` has one entry per source.
       * @example devices
       * @enum {string}
       */
      part: 'profile' | 'devices' | 'therapySummary' | 'liveSessions';
      /**
       * @description Only with `stale`: the problem code that stopped the refresh, as in `warnings[].code` and the `x-stale-reason` header of the source’s own route.
       * @example UPSTREAM_QUOTA_EXHAUSTED
       */
      reason?: string;
      /**
       * @description Only with `stale`, when known: seconds until fresh data can be fetched.
       * @example 1200
       */
      retryAfterSeconds?: number;
      /**
       * @example thinq
       * @enum {string}
       */
      source: 'lux' | 'legacy' | 'thinq' | 'interwater';
      /**
       * @description `live`: fetched from the source for this request. `cached`: the gateway’s cached answer, served without asking the source (it is fresh, or is being refreshed in the background). `stale`: the source was asked (its cache was past fresh, or the request sent `Cache-Control: no-cache`) and could not answer, so the cached answer stands in; `reason` says why.
       * @example cached
       * @enum {string}
       */
      state: 'live' | 'cached' | 'stale';
    };
    PasswordResetAcceptedDto: {
      /**
       * @description The same answer whether or not such an account exists.
       * @example If an account with this e-mail can reset its password, a mail is on its way.
       */
      message: string;
    };
    PasswordResetDto: {
      /**
       * Format: email
       * @description The account e-mail.
       * @example new@junction.dev
       */
      email: string;
    };
    PhoneCodeSentDto: {
      /** @example If this number can receive a code, one is on its way. It is good for a few minutes; ask again for a new one. */
      message: string;
      /**
       * @description The number, as the gateway read it (E.164).
       * @example +821012345678
       */
      phone: string;
    };
    PhoneVerificationDto: {
      /**
       * @description Seconds until the verification expires.
       * @example 600
       */
      expiresIn: number;
      /** @example +821012345678 */
      phone: string;
      /**
       * @description Opaque, single-use proof that this phone was verified: pass it to POST /v1/accounts/lux. It is bound to the phone number and expires (`expiresIn`).
       * @example q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE
       */
      verificationToken: string;
    };
    PolicyDto: {
      /** @example true */
      isMarketingAgree: boolean;
      /** @example true */
      isPushAgree: boolean;
      /**
       * Format: date-time
       * @description When marketing consent last changed.
       * @example 2024-10-28T07:47:53.563Z
       */
      marketingAgreeDate: string | null;
      /**
       * Format: date-time
       * @description When push consent last changed.
       * @example 2024-10-28T07:47:53.563Z
       */
      pushAgreeDate: string | null;
    };
    ProblemDto: {
      /**
       * @description Stable machine code: branch on it. What each means and what a screen should do: docs/errors.md.
       * @example VALIDATION_FAILED
       */
      code: components['schemas']['ErrorCode'];
      /** @example Invalid fields: birthdate. */
      detail: string;
      /** @description Field problems of a validation failure (`{field, message}`); on the 502 of `GET /v1/devices`, the sources that failed (`{source, status, code}`). At most 20 are listed: `errorsOmitted` counts the rest. */
      errors?: (
        components['schemas']['FieldProblemDto'] | components['schemas']['SourceErrorDto']
      )[];
      /**
       * @description How many more field problems there were beyond the 20 listed in `errors`.
       * @example 12
       */
      errorsOmitted?: number;
      /**
       * @description The request path.
       * @example /v1/me
       */
      instance: string;
      /**
       * @description The upstream account concerned: the one to link (`ACCOUNT_NOT_LINKED`), to sign in again (`UPSTREAM_LOGIN_REQUIRED`), or whose credentials were refused.
       * @example thinq
       * @enum {string}
       */
      provider?: 'lux' | 'legacy' | 'thinq';
      /**
       * @description Also sent as x-request-id.
       * @example 8d3c7e2e-1f0a-4c61-9d55-0a0f3e4b5c6d
       */
      requestId: string;
      /**
       * @description `INSUFFICIENT_SCOPE`: the scopes the route needs.
       * @example [
       *       "conference:admin"
       *     ]
       */
      requiredScopes?: string[];
      /** @example 400 */
      status: number;
      /** @example The request is not valid */
      title: string;
      /**
       * @description Stable URI of the problem type.
       * @example urn:junction:problem:validation-failed
       */
      type: string;
      /** @description Present when an upstream caused the problem. */
      upstream?: components['schemas']['UpstreamProblemDto'];
    };
    ProfileDto: {
      /**
       * Format: date
       * @description Lux keeps `yyyymmdd`; null when the account has none.
       * @example 2024-07-22
       */
      birthdate: string | null;
      /** @example test */
      firstName: string | null;
      /**
       * @description `M` male, `F` female, `N` non-binary, `P` prefers not to say.
       * @example M
       * @enum {string|null}
       */
      gender: 'M' | 'F' | 'N' | 'P' | null;
      /** @example true */
      isBasestationAlertEnabled: boolean;
      /**
       * @description KakaoTalk alerts on electrode contact.
       * @example true
       */
      isDeviceAlimTalkEnabled: boolean;
      /** @example true */
      isDeviceMuted: boolean;
      /** @example true */
      isPhoneNumberChecked: boolean;
      /** @example kim */
      lastName: string | null;
      /** @example KR */
      nationalCode: string | null;
      /**
       * @description The user should review their personal details.
       * @example false
       */
      needPersonalInfoUpdate: boolean;
      /**
       * @description The password is older than three months.
       * @example true
       */
      needToPwdChange: boolean;
      /**
       * @description E.164.
       * @example +821012345678
       */
      phone: string | null;
      /**
       * @description How the account signed up (`E` e-mail).
       * @example E
       */
      registerType: string | null;
      /**
       * @description The Lux account id (`root_user_id`).
       * @example 1
       */
      rootUserId: number;
    };
    PushTokenDto: {
      /**
       * @description The FCM registration token of this device.
       * @example fGx1Q9a0R8e3kZ:APA91bH7wXc2LrT5pVq8sN4mK1jD6yF0uE3oI9gA2hB5cW7x
       */
      token: string;
    };
    ReadinessChecksDto: {
      /**
       * @description The instance is shutting down.
       * @example false
       */
      draining: boolean;
      redis: components['schemas']['RedisCheckDto'];
      /**
       * @description Per upstream (nueyne, thinq, interwater): simulator or remote, recent state, consecutive failures, breaker state.
       * @example {
       *       "thinq": {
       *         "consecutiveFailures": 0,
       *         "mode": "simulator",
       *         "state": "healthy"
       *       }
       *     }
       */
      upstreams: {
        [key: string]: components['schemas']['UpstreamCheckDto'];
      };
    };
    ReadinessDto: {
      redis: components['schemas']['RedisCheckDto'];
      /**
       * @example ok
       * @enum {string}
       */
      status: 'ok';
      thinqPush: components['schemas']['ThinqPushCheckDto'];
      /**
       * @description Per upstream (nueyne, thinq, interwater): simulator or remote, recent state, consecutive failures, breaker state.
       * @example {
       *       "thinq": {
       *         "consecutiveFailures": 0,
       *         "mode": "simulator",
       *         "state": "healthy"
       *       }
       *     }
       */
      upstreams: {
        [key: string]: components['schemas']['UpstreamCheckDto'];
      };
    };
    ReadinessProblemDto: {
      checks: components['schemas']['ReadinessChecksDto'];
      /**
       * @description Stable machine code: branch on it. What each means and what a screen should do: docs/errors.md.
       * @example VALIDATION_FAILED
       */
      code: components['schemas']['ErrorCode'];
      /** @example Invalid fields: birthdate. */
      detail: string;
      /** @description Field problems of a validation failure (`{field, message}`); on the 502 of `GET /v1/devices`, the sources that failed (`{source, status, code}`). At most 20 are listed: `errorsOmitted` counts the rest. */
      errors?: (
        components['schemas']['FieldProblemDto'] | components['schemas']['SourceErrorDto']
      )[];
      /**
       * @description How many more field problems there were beyond the 20 listed in `errors`.
       * @example 12
       */
      errorsOmitted?: number;
      /**
       * @description The request path.
       * @example /v1/me
       */
      instance: string;
      /**
       * @description The upstream account concerned: the one to link (`ACCOUNT_NOT_LINKED`), to sign in again (`UPSTREAM_LOGIN_REQUIRED`), or whose credentials were refused.
       * @example thinq
       * @enum {string}
       */
      provider?: 'lux' | 'legacy' | 'thinq';
      /**
       * @description Also sent as x-request-id.
       * @example 8d3c7e2e-1f0a-4c61-9d55-0a0f3e4b5c6d
       */
      requestId: string;
      /**
       * @description `INSUFFICIENT_SCOPE`: the scopes the route needs.
       * @example [
       *       "conference:admin"
       *     ]
       */
      requiredScopes?: string[];
      /** @example 400 */
      status: number;
      /** @example The request is not valid */
      title: string;
      /**
       * @description Stable URI of the problem type.
       * @example urn:junction:problem:validation-failed
       */
      type: string;
      /** @description Present when an upstream caused the problem. */
      upstream?: components['schemas']['UpstreamProblemDto'];
    };
    RedisCheckDto: {
      /**
       * @description Why it is down.
       * @example Connection is closed.
       */
      error?: string;
      /**
       * @example redis
       * @enum {string}
       */
      kind: 'redis' | 'cluster' | 'memory';
      /**
       * @example up
       * @enum {string}
       */
      status: 'up' | 'down';
    };
    /**
     * RefrigeratorCommand
     * @description A command for a DEVICE_REFRIGERATOR: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).
     */
    RefrigeratorCommand: {
      refrigeration?: {
        expressMode?: boolean;
        /** @enum {string} */
        freshAirFilter?: 'OFF' | 'AUTO' | 'POWER' | 'REPLACE';
      };
      temperature?:
        | (
            | {
                /** @enum {string} */
                locationName: 'FRIDGE';
                /** @description 1 to 7, in steps of 1 */
                targetTemperature?: number;
              }
            | {
                /** @enum {string} */
                locationName: 'FREEZER';
                /** @description -23 to -15, in steps of 1 */
                targetTemperature?: number;
              }
          )
        | (
            | {
                /** @enum {string} */
                locationName: 'FRIDGE';
                /** @description 1 to 7, in steps of 1 */
                targetTemperature?: number;
              }
            | {
                /** @enum {string} */
                locationName: 'FREEZER';
                /** @description -23 to -15, in steps of 1 */
                targetTemperature?: number;
              }
          )[];
    };
    /**
     * RefrigeratorStatus
     * @description The status of a DEVICE_REFRIGERATOR: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.
     */
    RefrigeratorStatus: {
      /** @enum {string} */
      deviceType: 'DEVICE_REFRIGERATOR';
      /** @description Located: one entry per `locationName` (MAIN on the simulated model). */
      doorStatus?: ({
        /** @description Values the profile lists: OPEN, CLOSE (a device may report others). */
        doorState?: string;
        locationName: string;
      } & {
        [key: string]: unknown;
      })[];
      refrigeration?: {
        expressMode?: boolean;
        /** @description Values the profile lists: OFF, AUTO, POWER, REPLACE (a device may report others). */
        freshAirFilter?: string;
      } & {
        [key: string]: unknown;
      };
      /** @description Located: one entry per `locationName` (FRIDGE, FREEZER on the simulated model). */
      temperature?: ({
        locationName: string;
        targetTemperature?: number;
        /** @description Values the profile lists: C (a device may report others). */
        unit?: string;
      } & {
        [key: string]: unknown;
      })[];
    } & {
      [key: string]: unknown;
    };
    RegisterTherapyDeviceDto: {
      /**
       * @description The device MAC address as Nueyne keeps it (optional there, and free text: its own examples are `test1234` and `2023-06-29 15:07:25`): printable ASCII, up to 64 characters. Not null.
       * @example C8:F0:9E:41:AD:12
       */
      macId?: string;
      /**
       * @description The serial code (visible ASCII, no spaces).
       * @example SL20301004
       */
      serialCode: string;
      /**
       * @description The device uuid (Nueyne upper-cases it). Visible ASCII, no spaces.
       * @example 270038000C50524833343720
       */
      uniqueId: string;
    };
    RevokeRequestDto: {
      /** @description A gateway refresh token or access token. */
      token: string;
      /** @enum {string} */
      token_type_hint?: 'access_token' | 'refresh_token';
    };
    SendPhoneCodeDto: {
      /**
       * @description The number to send a 6-digit code to. E.164 (`+`, country code, number; no spaces or dashes), and a number its country's plan allows.
       * @example +821012345678
       */
      phone: string;
    };
    SourceErrorDto: {
      /**
       * @description The problem code that source would have answered.
       * @example UPSTREAM_TIMEOUT
       */
      code: components['schemas']['ErrorCode'];
      /**
       * @description The Retry-After that source would have answered (e.g. 429 `UPSTREAM_QUOTA_EXHAUSTED` with nothing cached).
       * @example 1200
       */
      retryAfterSeconds?: number;
      /**
       * @example thinq
       * @enum {string}
       */
      source: 'lux' | 'legacy' | 'thinq' | 'interwater';
      /**
       * @description The status that source would have answered on its own route.
       * @example 504
       */
      status: number;
    };
    SourceFreshnessDto: {
      /**
       * @description Seconds since the source answered what is served.
       * @example 42
       */
      ageSeconds: number;
      /**
       * @description Only with `stale`: the problem code that stopped the refresh, as in `warnings[].code` and the `x-stale-reason` header of the source’s own route.
       * @example UPSTREAM_QUOTA_EXHAUSTED
       */
      reason?: string;
      /**
       * @description Only with `stale`, when known: seconds until fresh data can be fetched.
       * @example 1200
       */
      retryAfterSeconds?: number;
      /**
       * @example thinq
       * @enum {string}
       */
      source: 'lux' | 'legacy' | 'thinq' | 'interwater';
      /**
       * @description `live`: fetched from the source for this request. `cached`: the gateway’s cached answer, served without asking the source (it is fresh, or is being refreshed in the background). `stale`: the source was asked (its cache was past fresh, or the request sent `Cache-Control: no-cache`) and could not answer, so the cached answer stands in; `reason` says why.
       * @example cached
       * @enum {string}
       */
      state: 'live' | 'cached' | 'stale';
    };
    SourceWarningDto: {
      /**
       * @description Seconds since the source last answered.
       * @example 420
       */
      ageSeconds: number;
      /**
       * @description Why this source’s items come from the gateway’s cache instead of a fresh call: `UPSTREAM_QUOTA_EXHAUSTED` (the linked account’s hourly ThinQ call budget is spent), `UPSTREAM_TIMEOUT` (no answer within `CACHE_REFRESH_WAIT_MS`; the refresh carries on), or the problem code the source failed with.
       * @example UPSTREAM_QUOTA_EXHAUSTED
       */
      code: string;
      /**
       * @description A sentence a frontend may show.
       * @example The hourly ThinQ call quota of the linked account is spent; fresh appliance data can be fetched again in 1200 s.
       */
      detail: string;
      /**
       * @description Seconds until fresh data can be fetched, when known.
       * @example 1200
       */
      retryAfterSeconds?: number;
      /**
       * @example thinq
       * @enum {string}
       */
      source: 'legacy' | 'thinq';
    };
    TherapyDeviceDto: {
      /**
       * @description The device id (used by logs and last-used).
       * @example 1
       */
      id: number;
      /**
       * @description As Nueyne stores it; devices migrated from the old server hold odd values here.
       * @example 2023-06-29 15:07:25
       */
      macId: string | null;
      /** @example 2 */
      modelId: number;
      /** @example ELEXIR */
      modelName: string | null;
      /**
       * Format: date-time
       * @example 2023-06-01T00:00:00Z
       */
      registeredAt: string | null;
      /** @example test */
      serialCode: string | null;
      /** @example 270038000C50524833343720 */
      uniqueId: string;
      /**
       * @description The owning Legacy user.
       * @example 1
       */
      userId: number | null;
    };
    TherapyLogDto: {
      /** @example 2 */
      deviceId: number;
      /** @example 2 */
      eventNum: number;
      /**
       * @description How the session ended: 0 in progress, 1 normal, 2 power button, 3 stopped from the app, 4 poor electrode contact, 7 factory test (the vendor documents these as its best guess).
       * @example 1
       */
      finishFlag: number;
      /**
       * @description `finishFlag` in words: 0 `in_progress`, 1 `normal`, 2 `button`, 3 `app`, 4 `faulty_contact`, 7 `factory`, any other `unknown`.
       * @example normal
       * @enum {string}
       */
      finishReason:
        'in_progress' | 'normal' | 'button' | 'app' | 'faulty_contact' | 'factory' | 'unknown';
      /** @example 22 */
      firmwareVersion: number;
      /**
       * @description Stored logs only (the monthly list).
       * @example 3
       */
      id?: number;
      /** @example 161 */
      lastIntensity: number;
      /** @example 06008101f793466e1100800cb0043304 */
      logData: string;
      /**
       * Format: date-time
       * @example 2025-04-11T15:58:00Z
       */
      loggedAt: string;
      /** @example 1 */
      mode: number;
      /** @example 2 */
      modelId: number;
      /**
       * Format: date-time
       * @description When Nueyne stored it (stored logs only).
       * @example 2025-04-11T23:14:56Z
       */
      registeredAt?: string | null;
      /**
       * @description Seconds.
       * @example 1200
       */
      treatmentTime: number;
      /** @example 2 */
      userId: number;
    };
    TherapyLogInputDto: {
      /**
       * Format: int32
       * @description The device.
       * @example 2
       */
      deviceId: number;
      /**
       * Format: int32
       * @description Event count of the session.
       * @example 2
       */
      eventNum: number;
      /**
       * Format: int32
       * @description How the session ended: 0 in progress, 1 normal, 2 power button, 3 stopped from the app, 4 poor electrode contact, 7 factory test (the vendor documents these as its best guess).
       * @example 1
       */
      finishFlag: number;
      /**
       * @description Firmware version (a number).
       * @example 22
       */
      firmwareVersion: number;
      /**
       * @description Last intensity (a number).
       * @example 161
       */
      lastIntensity: number;
      /**
       * @description The raw device log (as long as the body limit allows).
       * @example 06008101f793466e1100800cb0043304
       */
      logData: string;
      /**
       * Format: date-time
       * @description When the use started; RFC 3339 with an offset.
       * @example 2025-04-11T15:58:00Z
       */
      loggedAt: string;
      /**
       * @description Therapy mode (0 or 1).
       * @example 1
       * @enum {integer}
       */
      mode: 0 | 1;
      /**
       * Format: int32
       * @description The device model.
       * @example 2
       */
      modelId: number;
      /**
       * Format: int32
       * @description Seconds of use.
       * @example 1200
       */
      treatmentTime: number;
      /**
       * Format: int32
       * @description The member (child account) who used the device.
       * @example 2
       */
      userId: number;
    };
    TherapySummaryDto: {
      /**
       * @description Latest session start this month.
       * @example 2026-11-20T08:15:00Z
       */
      lastUsedAt?: string | null;
      /**
       * @description The current month, in NUEYNE_TIMEZONE.
       * @example 2026-11
       */
      month: string;
      /**
       * @description Therapy sessions logged this month.
       * @example 12
       */
      sessions: number;
      /**
       * @description Total treatment time this month, in seconds.
       * @example 14400
       */
      totalTreatmentSeconds: number;
    };
    ThinqLinkDto: {
      /**
       * @description A ThinQ personal access token (PAT). Visible ASCII without spaces: it is sent to ThinQ in a header.
       * @example thinq-demo-token
       */
      accessToken: string;
      /**
       * @description ISO 3166-1 alpha-2 country of the ThinQ account (an officially assigned code); picks the regional host.
       * @example KR
       * @enum {string}
       */
      countryCode:
        | 'AD'
        | 'AE'
        | 'AF'
        | 'AG'
        | 'AI'
        | 'AL'
        | 'AM'
        | 'AO'
        | 'AQ'
        | 'AR'
        | 'AS'
        | 'AT'
        | 'AU'
        | 'AW'
        | 'AX'
        | 'AZ'
        | 'BA'
        | 'BB'
        | 'BD'
        | 'BE'
        | 'BF'
        | 'BG'
        | 'BH'
        | 'BI'
        | 'BJ'
        | 'BL'
        | 'BM'
        | 'BN'
        | 'BO'
        | 'BQ'
        | 'BR'
        | 'BS'
        | 'BT'
        | 'BV'
        | 'BW'
        | 'BY'
        | 'BZ'
        | 'CA'
        | 'CC'
        | 'CD'
        | 'CF'
        | 'CG'
        | 'CH'
        | 'CI'
        | 'CK'
        | 'CL'
        | 'CM'
        | 'CN'
        | 'CO'
        | 'CR'
        | 'CU'
        | 'CV'
        | 'CW'
        | 'CX'
        | 'CY'
        | 'CZ'
        | 'DE'
        | 'DJ'
        | 'DK'
        | 'DM'
        | 'DO'
        | 'DZ'
        | 'EC'
        | 'EE'
        | 'EG'
        | 'EH'
        | 'ER'
        | 'ES'
        | 'ET'
        | 'FI'
        | 'FJ'
        | 'FK'
        | 'FM'
        | 'FO'
        | 'FR'
        | 'GA'
        | 'GB'
        | 'GD'
        | 'GE'
        | 'GF'
        | 'GG'
        | 'GH'
        | 'GI'
        | 'GL'
        | 'GM'
        | 'GN'
        | 'GP'
        | 'GQ'
        | 'GR'
        | 'GS'
        | 'GT'
        | 'GU'
        | 'GW'
        | 'GY'
        | 'HK'
        | 'HM'
        | 'HN'
        | 'HR'
        | 'HT'
        | 'HU'
        | 'ID'
        | 'IE'
        | 'IL'
        | 'IM'
        | 'IN'
        | 'IO'
        | 'IQ'
        | 'IR'
        | 'IS'
        | 'IT'
        | 'JE'
        | 'JM'
        | 'JO'
        | 'JP'
        | 'KE'
        | 'KG'
        | 'KH'
        | 'KI'
        | 'KM'
        | 'KN'
        | 'KP'
        | 'KR'
        | 'KW'
        | 'KY'
        | 'KZ'
        | 'LA'
        | 'LB'
        | 'LC'
        | 'LI'
        | 'LK'
        | 'LR'
        | 'LS'
        | 'LT'
        | 'LU'
        | 'LV'
        | 'LY'
        | 'MA'
        | 'MC'
        | 'MD'
        | 'ME'
        | 'MF'
        | 'MG'
        | 'MH'
        | 'MK'
        | 'ML'
        | 'MM'
        | 'MN'
        | 'MO'
        | 'MP'
        | 'MQ'
        | 'MR'
        | 'MS'
        | 'MT'
        | 'MU'
        | 'MV'
        | 'MW'
        | 'MX'
        | 'MY'
        | 'MZ'
        | 'NA'
        | 'NC'
        | 'NE'
        | 'NF'
        | 'NG'
        | 'NI'
        | 'NL'
        | 'NO'
        | 'NP'
        | 'NR'
        | 'NU'
        | 'NZ'
        | 'OM'
        | 'PA'
        | 'PE'
        | 'PF'
        | 'PG'
        | 'PH'
        | 'PK'
        | 'PL'
        | 'PM'
        | 'PN'
        | 'PR'
        | 'PS'
        | 'PT'
        | 'PW'
        | 'PY'
        | 'QA'
        | 'RE'
        | 'RO'
        | 'RS'
        | 'RU'
        | 'RW'
        | 'SA'
        | 'SB'
        | 'SC'
        | 'SD'
        | 'SE'
        | 'SG'
        | 'SH'
        | 'SI'
        | 'SJ'
        | 'SK'
        | 'SL'
        | 'SM'
        | 'SN'
        | 'SO'
        | 'SR'
        | 'SS'
        | 'ST'
        | 'SV'
        | 'SX'
        | 'SY'
        | 'SZ'
        | 'TC'
        | 'TD'
        | 'TF'
        | 'TG'
        | 'TH'
        | 'TJ'
        | 'TK'
        | 'TL'
        | 'TM'
        | 'TN'
        | 'TO'
        | 'TR'
        | 'TT'
        | 'TV'
        | 'TW'
        | 'TZ'
        | 'UA'
        | 'UG'
        | 'UM'
        | 'US'
        | 'UY'
        | 'UZ'
        | 'VA'
        | 'VC'
        | 'VE'
        | 'VG'
        | 'VI'
        | 'VN'
        | 'VU'
        | 'WF'
        | 'WS'
        | 'YE'
        | 'YT'
        | 'ZA'
        | 'ZM'
        | 'ZW';
    };
    ThinqPushCheckDto: {
      /**
       * @description Of them, connected to the broker: the devices of the others are polled meanwhile. Reported, never unready.
       * @example 2
       */
      connected: number;
      /**
       * @description THINQ_PUSH: whether this instance takes ThinQ push.
       * @example true
       */
      enabled: boolean;
      /**
       * @description Push sessions this instance holds: one per LG account with watched devices.
       * @example 2
       */
      sessions: number;
    };
    TokenRequestDto: {
      /** @description Client authentication in the body (or use HTTP Basic). */
      client_id?: string;
      client_secret?: string;
      /**
       * @example password
       * @enum {string}
       */
      grant_type:
        | 'password'
        | 'refresh_token'
        | 'client_credentials'
        | 'urn:ietf:params:oauth:grant-type:token-exchange';
      /** @description token exchange: the matching Nueyne refresh token, so the gateway can renew it. */
      nueyne_refresh_token?: string;
      /**
       * @description password grant.
       * @example junction-demo
       */
      password?: string;
      /**
       * @description password grant: the Nueyne product to sign in to; `lux` when absent.
       * @enum {string}
       */
      provider?: 'lux' | 'legacy';
      /** @description refresh_token grant: the gateway refresh token (rotates on every use). */
      refresh_token?: string;
      /**
       * @description Space-separated; narrows the default scopes.
       * @example profile therapy
       */
      scope?: string;
      /** @description token exchange: a Nueyne access token. Visible ASCII without spaces (it is sent to Nueyne in a header). */
      subject_token?: string;
      /**
       * @description token exchange: the product of subject_token.
       * @enum {string}
       */
      subject_token_type?: 'urn:nueyne:lux' | 'urn:nueyne:legacy';
      /**
       * @description password grant: the e-mail.
       * @example demo@junction.dev
       */
      username?: string;
    };
    TokenResponseDto: {
      /** @description Gateway access token (JWT, ES256 or EdDSA; verify with /.well-known/jwks.json). */
      access_token: string;
      /** @example 600 */
      expires_in: number;
      /** @example urn:ietf:params:oauth:token-type:access_token */
      issued_token_type?: string;
      /** @description User sessions only. Single use: every refresh returns a new one; reusing an old one ends the session. */
      refresh_token?: string;
      /** @example profile therapy appliances conference:read */
      scope: string;
      /** @example Bearer */
      token_type: string;
    };
    UpdateMemberDto: {
      /**
       * Format: date
       * @description Sent to Lux as `yyyymmdd`. Leave it out to keep it (not null).
       * @example 1997-01-01
       */
      birthdate?: string;
      /**
       * @description Given name. Leave it out to keep it (not null).
       * @example james
       */
      firstName?: string;
      /**
       * @description `M` male, `F` female, `N` non-binary, `P` prefers not to say. Not null.
       * @example M
       * @enum {string}
       */
      gender?: 'M' | 'F' | 'N' | 'P';
      /**
       * @description Family name. Leave it out to keep it (not null).
       * @example kim
       */
      lastName?: string;
    };
    UpdatePolicyDto: {
      /**
       * @description Agrees to marketing messages. Not null.
       * @example true
       */
      isMarketingAgree?: boolean;
      /**
       * @description Agrees to push notifications. Not null.
       * @example true
       */
      isPushAgree?: boolean;
    };
    UpdateProfileDto: {
      /**
       * Format: date
       * @description Sent to Lux as `yyyymmdd`. Leave it out to keep it (not null).
       * @example 1997-01-01
       */
      birthdate?: string;
      /**
       * @description Given name. Leave it out to keep it (not null).
       * @example james
       */
      firstName?: string;
      /**
       * @description `M` male, `F` female, `N` non-binary, `P` prefers not to say. Not null.
       * @example M
       * @enum {string}
       */
      gender?: 'M' | 'F' | 'N' | 'P';
      /**
       * @description Family name. Leave it out to keep it (not null).
       * @example kim
       */
      lastName?: string;
    };
    UpdatedProfileDto: {
      /**
       * Format: date
       * @example 1997-01-01
       */
      birthdate: string | null;
      /** @example james */
      firstName: string | null;
      /**
       * @example M
       * @enum {string|null}
       */
      gender: 'M' | 'F' | 'N' | 'P' | null;
      /**
       * @description The Lux account id.
       * @example 1
       */
      id: number;
      /** @example true */
      isPhoneNumberChecked: boolean;
      /** @example kim */
      lastName: string | null;
      /** @example +821012345678 */
      phone: string | null;
      /** @example E */
      registerType: string | null;
    };
    UpstreamCheckDto: {
      /**
       * @description Circuit breaker: closed, open, half-open or isolated.
       * @example closed
       */
      breaker?: string;
      /** @example 0 */
      consecutiveFailures: number;
      /**
       * @description What the last failure was.
       * @example timeout
       */
      lastFailure?: string;
      /**
       * Format: date-time
       * @example 2026-11-22T09:59:00.000Z
       */
      lastFailureAt?: string;
      /**
       * Format: date-time
       * @example 2026-11-22T10:00:00.000Z
       */
      lastSuccessAt?: string;
      /**
       * @example remote
       * @enum {string}
       */
      mode: 'simulator' | 'remote';
      /**
       * @example healthy
       * @enum {string}
       */
      state: 'unknown' | 'healthy' | 'failing';
    };
    UpstreamProblemDto: {
      /**
       * @description The upstream error code, when it has one (ThinQ: four digits).
       * @example 1222
       */
      code?: string;
      /**
       * @description The documented name of the upstream error, from the gateway’s own table, when it is a known one. Never the upstream’s own text: that goes to the gateway’s log only.
       * @example NOT_CONNECTED_DEVICE
       */
      detail?: string;
      /**
       * @example thinq
       * @enum {string}
       */
      name: 'nueyne' | 'thinq' | 'interwater';
      /**
       * @description HTTP status the upstream answered.
       * @example 416
       */
      status?: number;
    };
    /**
     * WasherCommand
     * @description A command for a DEVICE_WASHER or DEVICE_WASHTOWER_WASHER: what its ThinQ profile lets one write. The device's own profile decides (a model may take more or fewer values).
     */
    WasherCommand: {
      detergent?: {
        /** @enum {string} */
        detergentSetting?: 'NORMAL' | 'MORE' | 'LESS';
      };
      operation?: {
        /** @enum {string} */
        washerOperationMode?: 'START' | 'STOP' | 'POWER_OFF' | 'WAKE_UP';
      };
      timer?: {
        /** @description 0 to 19, in steps of 1 */
        relativeHourToStop?: number;
      };
    };
    /**
     * WasherStatus
     * @description The status of a DEVICE_WASHER or DEVICE_WASHTOWER_WASHER: the resources its ThinQ profile reports. Every resource and property is optional (models vary) and more may be present.
     */
    WasherStatus: {
      detergent?: {
        /** @description Values the profile lists: NORMAL, MORE, LESS (a device may report others). */
        detergentSetting?: string;
      } & {
        [key: string]: unknown;
      };
      /** @enum {string} */
      deviceType: 'DEVICE_WASHER' | 'DEVICE_WASHTOWER_WASHER';
      remoteControlEnable?: {
        remoteControlEnabled?: boolean;
      } & {
        [key: string]: unknown;
      };
      runState?: {
        /** @description Values the profile lists: POWER_OFF, INITIAL, PAUSE, DETECTING, RUNNING, RINSING, SPINNING, DRYING, END, ERROR (a device may report others). */
        currentState?: string;
      } & {
        [key: string]: unknown;
      };
      timer?: {
        relativeHourToStop?: number;
        remainHour?: number;
        remainMinute?: number;
        totalHour?: number;
        totalMinute?: number;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
  };
  responses: {
    /** @description The request is not valid (`VALIDATION_FAILED` naming each field, `MALFORMED_BODY`, or an upstream refusal). */
    Problem400: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description No valid gateway token (`UNAUTHENTICATED`, `INVALID_TOKEN`), or the upstream account must sign in again. */
    Problem401: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'WWW-Authenticate': components['headers']['WwwAuthenticate'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description A scope is missing, or the upstream account is not linked (`ACCOUNT_NOT_LINKED`). */
    Problem403: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'WWW-Authenticate': components['headers']['WwwAuthenticate'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description Not found. */
    Problem404: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description Conflicts with the current state (or a request with the same `Idempotency-Key` is still running: see `Retry-After`). */
    Problem409: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'Retry-After': components['headers']['RetryAfter'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The account was deleted (`ACCOUNT_DELETED`). */
    Problem410: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The body is larger than the configured limit. */
    Problem413: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description Unsupported content type. */
    Problem415: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The `Idempotency-Key` was used for a request with another body (`IDEMPOTENCY_KEY_REUSED`). */
    Problem422: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description Rate limited; see `Retry-After` and `RateLimit`. */
    Problem429: {
      headers: {
        /** @description IETF draft RateLimit of the caller’s limit groups: `"<group>";r=<requests left>;t=<seconds until the window resets>`, one item per group the route counts toward (a structured-field list: the link routes also count toward the per-IP `auth` group). Sent by rate-limited routes once the caller is known. */
        RateLimit: string;
        /** @description IETF draft RateLimit-Policy: `"<group>";q=<limit>;w=<window seconds>`, one item per group. */
        'RateLimit-Policy': string;
        /** @description Seconds to wait before trying again. */
        'Retry-After': number;
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description Internal error (`INTERNAL_ERROR`); no details are disclosed. */
    Problem500: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The upstream failed or answered something unreadable. */
    Problem502: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The upstream or the gateway is unavailable; see `Retry-After` when present. */
    Problem503: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'Retry-After': components['headers']['RetryAfter'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The upstream did not answer in time. */
    Problem504: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimitPolicy'];
        'x-request-id': components['headers']['XRequestId'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description Weak validator of the answer (`W/"<base64url>"`): send it back in `If-None-Match` to get 304 when nothing changed. Weak, because the same answer travels brotli, gzip or plain. */
    ETag: string;
    /** @description IETF draft RateLimit of the caller’s limit groups: `"<group>";r=<requests left>;t=<seconds until the window resets>`, one item per group the route counts toward (a structured-field list: the link routes also count toward the per-IP `auth` group). Sent by rate-limited routes once the caller is known. */
    RateLimit: string;
    /** @description IETF draft RateLimit-Policy: `"<group>";q=<limit>;w=<window seconds>`, one item per group. */
    RateLimitPolicy: string;
    /** @description Seconds to wait before trying again. */
    RetryAfter: number;
    /** @description RFC 6750 challenge of the gateway’s token check: `Bearer realm="junction"`, with `error` (`invalid_token`, `insufficient_scope`) when a token was sent; on the token endpoint, `Basic realm="junction"` after a failed client authentication. Absent when the upstream account must sign in again, or is not linked. */
    WwwAuthenticate: string;
    /** @description The request id: the client’s own `x-request-id` when it is sane (1 to 128 of letters, digits and `._:@/+=-`), else a new UUID. Also in a problem’s `requestId`. */
    XRequestId: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  WellKnown_jwks: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JwksDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  WellKnown_metadata: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthorizationServerMetadataDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Health_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LivenessDto'];
        };
      };
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Health_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
      500: components['responses']['Problem500'];
      /** @description Not ready: Redis is unreachable or the instance is shutting down. */
      503: {
        headers: {
          'Retry-After': components['headers']['RetryAfter'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ReadinessProblemDto'];
        };
      };
    };
  };
  Metrics_metricsText: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The metrics of this instance (of every worker, with GATEWAY_WORKERS above 1). */
      200: {
        headers: {
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Accounts_signUpLegacy: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key of your choosing (a UUID) that makes a retry safe: the same key and body from the same caller within `IDEMPOTENCY_TTL_SECONDS` (24 h) answer what the first request answered, without running it again (`idempotent-replayed: true`), on any instance. The same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running a duplicate waits up to 2 s, then gets 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` with `Retry-After`. A failed request keeps nothing: send it again with the same key. The SDK sends a new key with every such request unless you pass one. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegacySignUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacySignedUpDto'];
        };
      };
      400: components['responses']['Problem400'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_legacyEmailAvailability: {
    parameters: {
      query: {
        /** @description The e-mail to check. */
        email: string;
      };
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmailAvailabilityDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_resetLegacyPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetDto'];
      };
    };
    responses: {
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordResetAcceptedDto'];
        };
      };
      400: components['responses']['Problem400'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_recoverLegacyId: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegacyRecoverIdDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyRecoveredIdDto'];
        };
      };
      400: components['responses']['Problem400'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_signUpLux: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key of your choosing (a UUID) that makes a retry safe: the same key and body from the same caller within `IDEMPOTENCY_TTL_SECONDS` (24 h) answer what the first request answered, without running it again (`idempotent-replayed: true`), on any instance. The same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running a duplicate waits up to 2 s, then gets 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` with `Retry-After`. A failed request keeps nothing: send it again with the same key. The SDK sends a new key with every such request unless you pass one. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LuxSignUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponseDto'];
        };
      };
      400: components['responses']['Problem400'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_resetLuxPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetDto'];
      };
    };
    responses: {
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordResetAcceptedDto'];
        };
      };
      400: components['responses']['Problem400'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_sendLuxCode: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SendPhoneCodeDto'];
      };
    };
    responses: {
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PhoneCodeSentDto'];
        };
      };
      400: components['responses']['Problem400'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_confirmLuxPhone: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConfirmPhoneDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PhoneVerificationDto'];
        };
      };
      400: components['responses']['Problem400'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Accounts_recoverLuxId: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LuxRecoverIdDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LuxRecoveredIdDto'];
        };
      };
      400: components['responses']['Problem400'];
      404: components['responses']['Problem404'];
      410: components['responses']['Problem410'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Appliances_list: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplianceDto'][];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  ApplianceEvents_stream: {
    parameters: {
      query?: {
        /** @description Only these devices (repeat the parameter: `?deviceId=a&deviceId=b`); without it, every appliance of the linked account, and `device-added` / `device-removed` as the list changes. A device the account does not have is 404 `DEVICE_NOT_FOUND`. */
        deviceId?: string[];
        /** @description A ticket from `POST /v1/appliances/events/tickets`, instead of the `Authorization` header (for `EventSource`, which cannot send headers): single use, valid for 30 s. Never put the access token itself in a URL. */
        ticket?: string;
        /** @description The `id` of the last event received, for a client that cannot send the `Last-Event-ID` header (a new `EventSource` after its ticket was used); the header wins when both are sent. */
        lastEventId?: string;
      };
      header?: {
        /** @description The `id` of the last event received: the stream resumes from there. An id the gateway did not write starts the stream afresh (snapshots). */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stream: events as they come, until the client leaves or an `error` or `shutdown` event. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  ApplianceEvents_ticket: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventTicketDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Appliances_command: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key of your choosing (a UUID) that makes a retry safe: the same key and body from the same caller within `IDEMPOTENCY_TTL_SECONDS` (24 h) answer what the first request answered, without running it again (`idempotent-replayed: true`), on any instance. The same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running a duplicate waits up to 2 s, then gets 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` with `Retry-After`. A failed request keeps nothing: send it again with the same key. The SDK sends a new key with every such request unless you pass one. */
        'Idempotency-Key'?: string;
      };
      path: {
        /** @description A device id from GET /v1/appliances. ThinQ documents it only as a string; the gateway takes letters, digits, `.`, `_` and `-`, up to 128 characters. */
        deviceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          | components['schemas']['AirConditionerCommand']
          | components['schemas']['AirPurifierCommand']
          | components['schemas']['RefrigeratorCommand']
          | components['schemas']['WasherCommand']
          | components['schemas']['DryerCommand']
          | {
              [key: string]:
                | {
                    [key: string]: unknown;
                  }
                | {
                    [key: string]: unknown;
                  }[];
            };
      };
    };
    responses: {
      /** @description ThinQ accepted the command. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Appliances_profile: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description A device id from GET /v1/appliances. ThinQ documents it only as a string; the gateway takes letters, digits, `.`, `_` and `-`, up to 128 characters. */
        deviceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplianceProfileDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Appliances_status: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description A device id from GET /v1/appliances. ThinQ documents it only as a string; the gateway takes letters, digits, `.`, `_` and `-`, up to 128 characters. */
        deviceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | components['schemas']['AirConditionerStatus']
            | components['schemas']['AirPurifierStatus']
            | components['schemas']['RefrigeratorStatus']
            | components['schemas']['WasherStatus']
            | components['schemas']['DryerStatus']
            | components['schemas']['OtherApplianceStatus'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Token_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeRequestDto'];
        'application/x-www-form-urlencoded': components['schemas']['RevokeRequestDto'];
      };
    };
    responses: {
      /** @description Revoked (or unknown). */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid_request (also for a body that is malformed, too large, over the input limits or not form/JSON) or unsupported_token_type */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description invalid_client */
      401: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'WWW-Authenticate': components['headers']['WwwAuthenticate'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
        };
      };
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      /** @description temporarily_unavailable: a limit of this endpoint (attempts per IP, wrong passwords per account, wrong secrets per client id, bodies in flight) */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds to wait before trying again. */
          'retry-after'?: number;
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      500: components['responses']['Problem500'];
      /** @description temporarily_unavailable: the session store cannot be reached */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'Retry-After': components['headers']['RetryAfter'];
          /** @description Seconds to wait before trying again. */
          'retry-after'?: number;
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  Token_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TokenRequestDto'];
        'application/x-www-form-urlencoded': components['schemas']['TokenRequestDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponseDto'];
        };
      };
      /** @description invalid_request (also for a body that is malformed, too large, over the input limits or not form/JSON), invalid_grant, invalid_scope or unsupported_grant_type */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description invalid_client */
      401: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'WWW-Authenticate': components['headers']['WwwAuthenticate'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
        };
      };
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      /** @description temporarily_unavailable: a limit of this endpoint (attempts per IP, wrong passwords per account, wrong secrets per client id, bodies in flight) */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds to wait before trying again. */
          'retry-after'?: number;
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      500: components['responses']['Problem500'];
      /** @description temporarily_unavailable: Nueyne or the session store cannot be reached */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'Retry-After': components['headers']['RetryAfter'];
          /** @description Seconds to wait before trying again. */
          'retry-after'?: number;
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthErrorDto'];
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  Conference_license: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The license. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConferenceLicenseDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Conference_sessions: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Rooms open now. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConferenceSessionDto'][];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Conference_session: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description The room name as Interwater lists it: up to 100 characters, any of them (percent-encoded). */
        roomName: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The room. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConferenceSessionDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Conference_usage: {
    parameters: {
      query: {
        /** @description First day (UTC), inclusive. Required. */
        from: string;
        /** @description Last day (UTC), inclusive; not before `from`. Without it the range runs to now, so the answer grows as sessions end. */
        to?: string;
      };
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Usage over the range. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConferenceUsageDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Devices_list: {
    parameters: {
      query?: never;
      header?: {
        /** @description `no-cache` (or `max-age=0`) asks every source again even when the gateway’s cache is fresh (concurrent requests of one account share one call). Each ThinQ revalidation spends one call of the linked account’s hourly budget (THINQ_HOURLY_CALL_BUDGET; reads never spend the command reserve). When the budget is spent or the source fails or is slow, the cached part is served anyway and `freshness` marks it `stale` with the reason (`UPSTREAM_QUOTA_EXHAUSTED`, with `retryAfterSeconds`); a part with nothing cached is listed in `errors`. Without it, a fresh cached part is served as `cached` with its age and costs no call. */
        'cache-control'?: string;
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeviceListDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
    };
  };
  Home_get: {
    parameters: {
      query?: never;
      header?: {
        /** @description `no-cache` (or `max-age=0`) asks every source again even when the gateway’s cache is fresh (concurrent requests of one account share one call). Each ThinQ revalidation spends one call of the linked account’s hourly budget (THINQ_HOURLY_CALL_BUDGET; reads never spend the command reserve). When the budget is spent or the source fails or is slow, the cached part is served anyway and `freshness` marks it `stale` with the reason (`UPSTREAM_QUOTA_EXHAUSTED`, with `retryAfterSeconds`); a part with nothing cached is listed in `errors`. Without it, a fresh cached part is served as `cached` with its age and costs no call. */
        'cache-control'?: string;
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HomeDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Me_profile: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      410: components['responses']['Problem410'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_deleteAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted; the sessions of this account have ended. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_updateProfile: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateProfileDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UpdatedProfileDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      410: components['responses']['Problem410'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Links_list: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinksDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Links_linkLegacy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NueyneCredentialsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkStatusDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Links_unlinkLegacy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unlinked (or was not linked). */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Links_linkLux: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NueyneCredentialsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkStatusDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Links_unlinkLux: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unlinked (or was not linked). */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Links_linkThinq: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ThinqLinkDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LinkStatusDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Links_unlinkThinq: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unlinked (or was not linked). */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      503: components['responses']['Problem503'];
    };
  };
  Me_createMember: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key of your choosing (a UUID) that makes a retry safe: the same key and body from the same caller within `IDEMPOTENCY_TTL_SECONDS` (24 h) answer what the first request answered, without running it again (`idempotent-replayed: true`), on any instance. The same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running a duplicate waits up to 2 s, then gets 409 `IDEMPOTENT_REQUEST_IN_FLIGHT` with `Retry-After`. A failed request keeps nothing: send it again with the same key. The SDK sends a new key with every such request unless you pass one. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMemberDto'];
      };
    };
    responses: {
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedMemberDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_member: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description The member id (`real_user_id`). A decimal integer from 1 to 2147483647. */
        memberId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_deleteMember: {
    parameters: {
      query: {
        /** @description The member's device, which Lux disconnects with the member. */
        uniqueId: string;
      };
      header?: never;
      path: {
        /** @description The member id (`real_user_id`). A decimal integer from 1 to 2147483647. */
        memberId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_updateMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The member id (`real_user_id`). A decimal integer from 1 to 2147483647. */
        memberId: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MemberDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_updateNotifications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NotificationsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationsDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_changePhone: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePhoneDto'];
      };
    };
    responses: {
      /** @description The number is changed and marked verified. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      409: components['responses']['Problem409'];
      410: components['responses']['Problem410'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_updatePolicy: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePolicyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PolicyDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Me_setPushToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PushTokenDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PushTokenDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_devices: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TherapyDeviceDto'][];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_registerDevice: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterTherapyDeviceDto'];
      };
    };
    responses: {
      /** @description Registered. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_checkDevice: {
    parameters: {
      query: {
        /** @description The device uuid (Nueyne upper-cases it). Visible ASCII, no spaces. */
        uniqueId: string;
      };
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckedTherapyDeviceDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_lastUse: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description The device id (`id` in GET /v1/therapy/devices). A decimal integer from 1 to 2147483647. */
        deviceId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeviceLastUseDto'];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          /** @description Seconds since the upstream answered. */
          age: number;
          /** @description `private, max-age=<fresh seconds left>`, plus `stale-while-revalidate` and `stale-if-error` when the gateway applies them. */
          'cache-control': string;
          /** @description With `x-stale-reason`, when known: seconds until a fresh value can be fetched (the budget frees a call, the breaker lets a call through). */
          'retry-after'?: number;
          /** @description HIT: from the cache, fresh. MISS: fetched from the upstream for this request (or a concurrent one). STALE: older than fresh, served while the upstream refreshes it in the background or because the upstream failed. */
          'x-cache': 'HIT' | 'MISS' | 'STALE';
          'x-request-id': components['headers']['XRequestId'];
          /** @description Only on `x-cache: STALE` answers served because the upstream could not be asked or did not answer in time: the problem code that stopped the refresh. `UPSTREAM_QUOTA_EXHAUSTED`: the linked account’s hourly ThinQ call budget is spent (values stay frozen until `retry-after`); `UPSTREAM_TIMEOUT`: the upstream has not answered within `CACHE_REFRESH_WAIT_MS` (the refresh carries on); `UPSTREAM_UNAVAILABLE`, `UPSTREAM_ERROR`...: the upstream failed. A frontend can show the value with a note. Absent on a plain stale-while-revalidate answer. */
          'x-stale-reason'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_unregisterDevice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The device uuid (Nueyne upper-cases it). Visible ASCII, no spaces. */
        uniqueId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Unregistered. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_recordLiveSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LiveSessionInputDto'];
      };
    };
    responses: {
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveSessionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_logs: {
    parameters: {
      query?: {
        /** @description The month, `YYYY-MM`; the current month (in the Nueyne time zone) when omitted. */
        month?: string;
      };
      header?: {
        /** @description ETags of answers the client holds (weak comparison), or `*`: 304 without a body when the current answer has one of them. */
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TherapyLogDto'][];
        };
      };
      /** @description Not modified: the answer still has one of the ETags in `If-None-Match`. No body. */
      304: {
        headers: {
          ETag: components['headers']['ETag'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
  Therapy_uploadLog: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TherapyLogInputDto'];
      };
    };
    responses: {
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          'x-request-id': components['headers']['XRequestId'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TherapyLogDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
      500: components['responses']['Problem500'];
      502: components['responses']['Problem502'];
      503: components['responses']['Problem503'];
      504: components['responses']['Problem504'];
    };
  };
}

/** Operations that take an `Idempotency-Key` (the client sends one unless the call has it). */
export const IDEMPOTENT_OPERATIONS: readonly string[] = [
  'POST /v1/accounts/legacy',
  'POST /v1/accounts/lux',
  'POST /v1/appliances/{deviceId}/commands',
  'POST /v1/me/members',
];
