import { Body, Controller, Get, Header, HttpCode, Ip, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { BodyLimit } from '../../common/body/body-limit.decorator';
import { AppConfig } from '../../config/app-config';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { TokenResponseDto } from '../../auth/oauth/oauth.dto';
import { TokenResponse } from '../../auth/oauth/oauth.service';
import { Public } from '../../common/access/public.decorator';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { RateLimit } from '../../rate-limit/rate-limit.decorator';
import {
  ConfirmPhoneDto,
  EmailAvailabilityDto,
  EmailAvailabilityQueryDto,
  LegacyRecoveredIdDto,
  LegacyRecoverIdDto,
  LegacySignedUpDto,
  LegacySignUpDto,
  LuxRecoveredIdDto,
  LuxRecoverIdDto,
  LuxSignUpDto,
  PasswordResetAcceptedDto,
  PasswordResetDto,
  PhoneCodeSentDto,
  PhoneVerificationDto,
  SendPhoneCodeDto,
} from './accounts.dto';
import { AccountsService } from './accounts.service';

const LIMITS =
  ' Limited per client IP (`accounts`, every route here) and by the limits named; past one, 429 `RATE_LIMITED` with `Retry-After`. Bodies above ACCOUNTS_BODY_LIMIT_BYTES (default 8 KiB) get 413.';

/**
 * Onboarding without a gateway token: Lux phone verification and sign-up, Legacy sign-up,
 * account recovery and password reset (Nueyne's auth routes of both products).
 */
@ApiTags('accounts')
@Public()
@RateLimit('accounts', 'ip')
// Onboarding is public and its bodies are small: a tighter limit (ACCOUNTS_BODY_LIMIT_BYTES).
@BodyLimit((config: AppConfig) => config.accounts.bodyLimitBytes)
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('lux/phone-verifications')
  @HttpCode(202)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Send a Lux SMS code',
    description:
      'Lux `POST /api/v1/lux/auth/send-sms-auth`: sends a 6-digit code to the number, for sign-up (then `.../confirm`) or account recovery (then `POST /v1/accounts/lux/recover-id`). ' +
      'Answers 202 the same way whether or not a Lux account already uses the number (Nueyne would say so to anyone; the holder of the number learns it at the confirm step). ' +
      'SMS limits: `sms-per-phone`, `sms-per-ip`, `sms-global`; with Redis away, no SMS is sent (503). ' +
      '502 `SMS_NOT_SENT` when Nueyne could not deliver to the number.' +
      LIMITS,
  })
  @ApiAcceptedResponse({ type: PhoneCodeSentDto })
  @ApiProblems(400, 413, 415, 429, 502, 503, 504)
  sendLuxCode(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: SendPhoneCodeDto,
  ): Promise<PhoneCodeSentDto> {
    return this.accounts.sendLuxCode(ctx, ip, body.phone);
  }

  @Post('lux/phone-verifications/confirm')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Confirm a Lux SMS code',
    description:
      "Lux `POST /api/v1/lux/auth/phone-number-validation`. Answers an opaque `verificationToken` for `POST /v1/accounts/lux`, bound to the number and short-lived (ACCOUNTS_VERIFICATION_TTL_SECONDS); Nueyne's own token stays in the gateway. " +
      '400 `VERIFICATION_CODE_INVALID` or `VERIFICATION_CODE_EXPIRED`; 409 `PHONE_ALREADY_REGISTERED` (sign in or recover the e-mail instead); 410 `ACCOUNT_DELETED` (the number belongs to a deleted account). ' +
      'Code attempts are limited per number (`verification-attempts`, right or wrong).' +
      LIMITS,
  })
  @ApiOkResponse({ type: PhoneVerificationDto })
  @ApiProblems(400, 409, 410, 413, 415, 429, 502, 503, 504)
  confirmLuxPhone(
    @CurrentContext() ctx: RequestContext,
    @Body() body: ConfirmPhoneDto,
  ): Promise<PhoneVerificationDto> {
    return this.accounts.confirmLuxPhone(ctx, body.phone, body.verificationCode);
  }

  @Post('lux')
  @HttpCode(201)
  @Idempotent()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Sign up to Lux',
    description:
      'Lux `POST /api/v1/lux/auth/email/signup` with the verified phone. Answers a gateway token response, as `POST /v1/auth/token` does: the new Lux account is already linked to the session, so the app is signed in. ' +
      '400 `PHONE_VERIFICATION_REQUIRED` when the `verificationToken` is unknown, expired or used; 409 `EMAIL_ALREADY_REGISTERED` (the verification stays usable for another address); 502 `SIGN_UP_FAILED`. ' +
      'Limited per IP (`sign-ups`).' +
      LIMITS,
  })
  @ApiCreatedResponse({ type: TokenResponseDto })
  @ApiProblems(400, 409, 413, 415, 429, 502, 503, 504)
  signUpLux(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: LuxSignUpDto,
  ): Promise<TokenResponse> {
    return this.accounts.signUpLux(ctx, ip, body);
  }

  @Post('legacy')
  @HttpCode(201)
  @Idempotent()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Sign up to Elexir Legacy',
    description:
      'Legacy `POST /api/v1/legacy/auth/signup` (phone sent as `010-1234-5678`, dates as `yyyy-mm-dd`, `adrs_city` = `region`). Nueyne mails a verification link; the account signs in with `POST /v1/auth/token` (provider `legacy`) once it is followed. ' +
      '409 `EMAIL_ALREADY_REGISTERED`; 502 `SIGN_UP_FAILED`. Limited per IP (`sign-ups`).' +
      LIMITS,
  })
  @ApiCreatedResponse({ type: LegacySignedUpDto })
  @ApiProblems(400, 409, 413, 415, 429, 502, 503, 504)
  signUpLegacy(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: LegacySignUpDto,
  ): Promise<LegacySignedUpDto> {
    return this.accounts.signUpLegacy(ctx, ip, body);
  }

  @Post('lux/password-reset')
  @HttpCode(202)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Mail a Lux password reset',
    description:
      'Lux `POST /api/v1/lux/auth/send-reset-mail`. Always 202 with the same body: Nueyne\'s "no such user" (404), "signed up with a social account" (400) and "mail failed" (500, only ever for an existing account) would each tell whether the e-mail has an account. ' +
      'Limited per IP (`recovery`) and per e-mail (`recovery-per-account`).' +
      LIMITS,
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiProblems(400, 413, 415, 429, 502, 503, 504)
  resetLuxPassword(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: PasswordResetDto,
  ): Promise<PasswordResetAcceptedDto> {
    return this.accounts.resetPassword(ctx, 'lux', ip, body.email);
  }

  @Post('legacy/password-reset')
  @HttpCode(202)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Mail an Elexir Legacy password reset',
    description:
      'Legacy `POST /api/v1/legacy/auth/send-reset-mail`. Always 202 with the same body, whether or not the e-mail has an account (Nueyne answers 404, or a 500 only an existing account can cause). ' +
      'Limited per IP (`recovery`) and per e-mail (`recovery-per-account`).' +
      LIMITS,
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiProblems(400, 413, 415, 429, 502, 503, 504)
  resetLegacyPassword(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: PasswordResetDto,
  ): Promise<PasswordResetAcceptedDto> {
    return this.accounts.resetPassword(ctx, 'legacy', ip, body.email);
  }

  @Post('lux/recover-id')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Find a Lux account by phone',
    description:
      'Lux `POST /api/v1/lux/auth/find-id-by-phone` with a code from `POST /v1/accounts/lux/phone-verifications`: the e-mail of the account using the number. The code proves the caller holds the number, so the answer may say there is none: 404 `USER_NOT_FOUND`, 410 `ACCOUNT_DELETED`; 400 `VERIFICATION_CODE_INVALID` or `VERIFICATION_CODE_EXPIRED`. ' +
      'Limited per IP (`recovery`) and per number (`recovery-per-account`, `verification-attempts`).' +
      LIMITS,
  })
  @ApiOkResponse({ type: LuxRecoveredIdDto })
  @ApiProblems(400, 404, 410, 413, 415, 429, 502, 503, 504)
  recoverLuxId(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: LuxRecoverIdDto,
  ): Promise<LuxRecoveredIdDto> {
    return this.accounts.recoverLuxId(ctx, ip, body.phone, body.verificationCode);
  }

  @Post('legacy/recover-id')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Find an Elexir Legacy account',
    description:
      'Legacy `POST /api/v1/legacy/auth/find-id` by phone, birth date and gender. Legacy proves nothing here (no code), so the e-mail comes back masked (`de**@junction.dev`); 404 `USER_NOT_FOUND` when nothing matches, which this route cannot hide since its answer is the account. ' +
      'Guessing is limited per IP (`recovery`) and per number (`recovery-per-account`).' +
      LIMITS,
  })
  @ApiOkResponse({ type: LegacyRecoveredIdDto })
  @ApiProblems(400, 404, 413, 415, 429, 502, 503, 504)
  recoverLegacyId(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Body() body: LegacyRecoverIdDto,
  ): Promise<LegacyRecoveredIdDto> {
    return this.accounts.recoverLegacyId(ctx, ip, body);
  }

  @Get('legacy/email-availability')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Is an e-mail free for Elexir Legacy?',
    description:
      "Legacy `GET /api/v1/legacy/user/dup-check-email/{email}`. By design this tells whether an account uses the e-mail (so would the sign-up's 409); it is limited per IP (`email-availability`). Lux has no such route." +
      LIMITS,
  })
  @ApiOkResponse({ type: EmailAvailabilityDto })
  @ApiProblems(400, 429, 502, 503, 504)
  legacyEmailAvailability(
    @CurrentContext() ctx: RequestContext,
    @Ip() ip: string,
    @Query() query: EmailAvailabilityQueryDto,
  ): Promise<EmailAvailabilityDto> {
    return this.accounts.legacyEmailAvailability(ctx, ip, query.email);
  }
}
