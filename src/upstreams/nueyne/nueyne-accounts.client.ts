import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { NueyneTokenSet } from '../../auth/links/nueyne-authenticator';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { UpstreamRequest, UpstreamResponse } from '../http/upstream-http.types';
import { upstreamPath } from '../http/upstream-path';
import { UpstreamError } from '../http/upstream.error';
import {
  findOutcome,
  NUEYNE_ACCOUNT_ROUTES as R,
  NUEYNE_RESET_MAIL_OUTCOMES,
  NUEYNE_SMS_OUTCOMES,
  nueyneAccountProblem,
} from './nueyne-accounts.errors';
import { fromLegacySignUp, fromLuxSignUp, toTokenSet } from './nueyne-accounts.mappers';
import {
  LegacyAccountFacts,
  LegacySignUpInput,
  LuxFoundAccount,
  LuxSignUpInput,
  ResetMailOutcome,
  SmsOutcome,
} from './nueyne-accounts.models';
import { toLegacyPhone } from './nueyne-phone';
import { NueyneHttp } from './nueyne.http';
import {
  LegacyFindIdVendor,
  LuxFoundIdVendor,
  LuxPhoneCodeVendor,
  LuxSendSmsVendor,
  LuxValidTokenVendor,
  NueyneResetMailVendor,
  NueyneTokenPairVendor,
} from './vendor/nueyne-account.vendor';

const ok = (response: UpstreamResponse): boolean => response.status >= 200 && response.status < 300;

function badResponse(route: string, what: string): UpstreamError {
  return new UpstreamError(
    'nueyne',
    route,
    'bad_response',
    `nueyne answered ${route} with ${what}`,
  );
}

/** Legacy takes `010-1234-5678`: a Korean mobile number, or a 400 naming the field. */
function legacyPhone(e164: string): string {
  const phone = toLegacyPhone(e164);
  if (phone === undefined) {
    const message = 'Elexir Legacy takes Korean mobile numbers only (+8210..., +8211...).';
    throw new ProblemException(ErrorCode.VALIDATION_FAILED, {
      detail: message,
      errors: [{ field: 'phone', message }],
    });
  }
  return phone;
}

/**
 * Nueyne's onboarding routes of both products (sign-up, SMS verification, recovery): no user
 * token, so not through the token manager. Each method sends what the route wants, turns the
 * documented errors into problems or outcomes (nueyne-accounts.errors.ts), and hands back public
 * shapes. Nueyne's `valid_token` and tokens are returned to the caller inside the gateway only.
 */
@Injectable()
export class NueyneAccountsClient {
  constructor(private readonly http: NueyneHttp) {}

  /** `send-sms-auth`: `sent`, or `already_registered` (Nueyne's 409, no code sent). */
  async sendLuxCode(ctx: RequestContext, phone: string): Promise<SmsOutcome> {
    const body: LuxSendSmsVendor = { phone };
    const response = await this.post(ctx, R.sendSms, '/api/v1/lux/auth/send-sms-auth', body);
    if (ok(response)) return 'sent';
    const outcome = findOutcome(NUEYNE_SMS_OUTCOMES, response, R.sendSms);
    if (outcome) return outcome;
    throw nueyneAccountProblem(response, R.sendSms);
  }

  /** `phone-number-validation`: Nueyne's `valid_token` for the sign-up call. */
  async verifyLuxPhone(ctx: RequestContext, phone: string, code: string): Promise<string> {
    const body: LuxPhoneCodeVendor = { phone, validnum: code };
    const response = await this.post<LuxValidTokenVendor>(
      ctx,
      R.validatePhone,
      '/api/v1/lux/auth/phone-number-validation',
      body,
    );
    if (!ok(response)) throw nueyneAccountProblem(response, R.validatePhone);
    const token = response.body?.valid_token;
    if (typeof token !== 'string' || token === '')
      throw badResponse(R.validatePhone, 'no valid_token');
    return token;
  }

  /** `email/signup` with the `valid_token`; answers Nueyne's token pair, as a sign-in would. */
  async signUpLux(
    ctx: RequestContext,
    validToken: string,
    input: LuxSignUpInput,
  ): Promise<NueyneTokenSet> {
    const response = await this.post<Partial<NueyneTokenPairVendor>>(
      ctx,
      R.luxSignUp,
      '/api/v1/lux/auth/email/signup',
      fromLuxSignUp(input),
      { authorization: `Bearer ${validToken}` },
    );
    if (!ok(response)) throw nueyneAccountProblem(response, R.luxSignUp);
    const tokens = toTokenSet(response.body);
    if (!tokens) throw badResponse(R.luxSignUp, 'no token pair');
    return tokens;
  }

  /** `find-id-by-phone`: the e-mail of the account holding this (verified) phone. */
  async findLuxAccount(ctx: RequestContext, phone: string, code: string): Promise<LuxFoundAccount> {
    const body: LuxPhoneCodeVendor = { phone, validnum: code };
    const response = await this.post<Partial<LuxFoundIdVendor>>(
      ctx,
      R.luxFindId,
      '/api/v1/lux/auth/find-id-by-phone',
      body,
    );
    if (!ok(response)) throw nueyneAccountProblem(response, R.luxFindId);
    const found = response.body;
    if (typeof found?.email !== 'string') throw badResponse(R.luxFindId, 'no email');
    return {
      email: found.email,
      provider: typeof found.provider === 'string' ? found.provider : null,
    };
  }

  sendLuxResetMail(ctx: RequestContext, email: string): Promise<ResetMailOutcome> {
    return this.resetMail(ctx, R.luxResetMail, '/api/v1/lux/auth/send-reset-mail', email);
  }

  /** `legacy/auth/signup`: the account exists, unverified; Nueyne mails a verification link. */
  async signUpLegacy(ctx: RequestContext, input: LegacySignUpInput): Promise<void> {
    const body = fromLegacySignUp(input, legacyPhone(input.phone));
    const response = await this.post(ctx, R.legacySignUp, '/api/v1/legacy/auth/signup', body);
    if (!ok(response)) throw nueyneAccountProblem(response, R.legacySignUp);
  }

  /** `legacy/auth/find-id`: the e-mail of the account with these facts (a bare JSON string). */
  async findLegacyEmail(ctx: RequestContext, facts: LegacyAccountFacts): Promise<string> {
    const body: LegacyFindIdVendor = {
      birthdate: facts.birthdate,
      phone: legacyPhone(facts.phone),
      gender: facts.gender,
    };
    const response = await this.post<unknown>(
      ctx,
      R.legacyFindId,
      '/api/v1/legacy/auth/find-id',
      body,
    );
    if (!ok(response)) throw nueyneAccountProblem(response, R.legacyFindId);
    if (typeof response.body !== 'string') throw badResponse(R.legacyFindId, 'no e-mail string');
    return response.body;
  }

  sendLegacyResetMail(ctx: RequestContext, email: string): Promise<ResetMailOutcome> {
    return this.resetMail(ctx, R.legacyResetMail, '/api/v1/legacy/auth/send-reset-mail', email);
  }

  /** `dup-check-email/{email}`: true when the address is free (Nueyne answers `True`). */
  async isLegacyEmailAvailable(ctx: RequestContext, email: string): Promise<boolean> {
    const response = await this.http.request<unknown>({
      context: ctx,
      method: 'GET',
      path: upstreamPath('/api/v1/legacy/user/dup-check-email/:email', { email }),
      route: R.legacyEmailCheck,
    });
    if (!ok(response)) throw nueyneAccountProblem(response, R.legacyEmailCheck);
    if (typeof response.body !== 'boolean') throw badResponse(R.legacyEmailCheck, 'no boolean');
    return response.body;
  }

  // ---------------------------------------------------------------------------------------

  private async resetMail(
    ctx: RequestContext,
    route: string,
    path: string,
    email: string,
  ): Promise<ResetMailOutcome> {
    const body: NueyneResetMailVendor = { email };
    const response = await this.post(ctx, route, path, body);
    if (ok(response)) return 'sent';
    const outcome = findOutcome(NUEYNE_RESET_MAIL_OUTCOMES, response, route);
    if (outcome) return outcome;
    throw nueyneAccountProblem(response, route);
  }

  /** A JSON POST; never retried (it may have sent an SMS or a mail, or created an account). */
  private post<T = unknown>(
    ctx: RequestContext,
    route: string,
    path: string,
    json: unknown,
    headers?: Record<string, string>,
  ): Promise<UpstreamResponse<T>> {
    const request: UpstreamRequest = {
      context: ctx,
      method: 'POST',
      path,
      route,
      json,
      idempotent: false,
    };
    if (headers) request.headers = headers;
    return this.http.request<T>(request);
  }
}
