import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { OAuthService, TokenResponse } from '../../auth/oauth/oauth.service';
import { ErrorCode } from '../../common/problem/error-code';
import { ProblemException } from '../../common/problem/problem.exception';
import { AppConfig } from '../../config/app-config';
import { StoreUnavailableError } from '../../redis/key-value.store';
import { NueyneAccountsClient } from '../../upstreams/nueyne/nueyne-accounts.client';
import { ResetMailOutcome } from '../../upstreams/nueyne/nueyne-accounts.models';
import { parsePhone } from '../../upstreams/nueyne/nueyne-phone';
import {
  EmailAvailabilityDto,
  LegacyRecoveredIdDto,
  LegacyRecoverIdDto,
  LegacySignedUpDto,
  LegacySignUpDto,
  LuxRecoveredIdDto,
  LuxSignUpDto,
  PasswordResetAcceptedDto,
  PhoneCodeSentDto,
  PhoneVerificationDto,
} from './accounts.dto';
import { maskEmail } from './mask-email';
import { OnboardingLimits } from './onboarding-limits';
import { PhoneVerifications } from './phone-verifications';

const CODE_SENT =
  'If this number can receive a code, one is on its way. It is good for a few minutes; ask again for a new one.';
const RESET_ACCEPTED =
  'If an account with this e-mail can reset its password, a mail is on its way.';

function phoneProblem(message: string): ProblemException {
  return new ProblemException(ErrorCode.VALIDATION_FAILED, {
    detail: `phone ${message}.`,
    errors: [{ field: 'phone', message }],
  });
}

function verificationRequired(): ProblemException {
  return new ProblemException(ErrorCode.PHONE_VERIFICATION_REQUIRED, {
    detail:
      'This phone verification is unknown, expired or already used; verify the phone again (POST /v1/accounts/lux/phone-verifications).',
  });
}

/** Redis is needed to hold the verification: without it, 503 rather than a 500. */
async function withStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
      detail: 'The gateway cannot reach its session store; try again shortly.',
      headers: { 'retry-after': '5' },
    });
  }
}

/**
 * Onboarding through the gateway: Lux phone verification and sign-up (answered with a gateway
 * session), Legacy sign-up, account recovery and password reset for both products. Nueyne's
 * `valid_token` and tokens stay inside; answers that Nueyne would let tell whether an account
 * exists are made the same either way where no possession is proven (docs/operations.md, "Account
 * enumeration"), and every step counts against its abuse limits first.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);
  private readonly smsRegions: ReadonlySet<string>;

  constructor(
    private readonly nueyne: NueyneAccountsClient,
    private readonly verifications: PhoneVerifications,
    private readonly limits: OnboardingLimits,
    private readonly oauth: OAuthService,
    config: AppConfig,
  ) {
    this.smsRegions = new Set(config.accounts.smsRegions);
  }

  /** The canonical E.164 of a number its country's plan allows, or a 400 naming `phone`. */
  private phone(text: string): { e164: string; region?: string } {
    const phone = parsePhone(text);
    if (!phone) throw phoneProblem("is not a number its country's numbering plan allows");
    return phone;
  }

  // --- Lux phone verification and sign-up ------------------------------------------------

  async sendLuxCode(ctx: RequestContext, ip: string, phoneText: string): Promise<PhoneCodeSentDto> {
    const phone = this.phone(phoneText);
    if (this.smsRegions.size > 0 && !(phone.region && this.smsRegions.has(phone.region))) {
      throw phoneProblem(
        `is not in a country codes are sent to (${[...this.smsRegions].join(', ')})`,
      );
    }
    await this.limits.smsSend(ip, phone.e164);
    const outcome = await this.nueyne.sendLuxCode(ctx, phone.e164);
    // Nueyne's 409 "already registered" would tell anyone that this number has an account;
    // the holder of the number learns it at the confirm step, after proving they hold it.
    if (outcome === 'already_registered') this.logger.debug('send-sms-auth: registered number');
    return { phone: phone.e164, message: CODE_SENT };
  }

  async confirmLuxPhone(
    ctx: RequestContext,
    phoneText: string,
    code: string,
  ): Promise<PhoneVerificationDto> {
    const phone = this.phone(phoneText);
    await this.limits.codeAttempt(phone.e164);
    const upstreamToken = await this.nueyne.verifyLuxPhone(ctx, phone.e164, code);
    const handle = await withStore(() =>
      this.verifications.open({ phone: phone.e164, upstreamToken }),
    );
    return { ...handle, phone: phone.e164 };
  }

  async signUpLux(ctx: RequestContext, ip: string, body: LuxSignUpDto): Promise<TokenResponse> {
    await this.limits.signUp(ip);
    const verification = await withStore(() => this.verifications.read(body.verificationToken));
    if (!verification) throw verificationRequired();
    let tokens;
    try {
      tokens = await this.nueyne.signUpLux(ctx, verification.upstreamToken, {
        email: body.email,
        password: body.password,
        firstName: body.firstName,
        birthdate: body.birthdate,
        gender: body.gender,
        phone: verification.phone,
        nationalCode: body.nationalCode,
        isPushAgree: body.isPushAgree,
        isMarketingAgree: body.isMarketingAgree,
      });
    } catch (error) {
      // Nueyne refused its token: this handle is of no more use. Other refusals (an e-mail
      // already taken) keep it, so the user can try another address.
      if (error instanceof ProblemException && error.code === ErrorCode.PHONE_VERIFICATION_REQUIRED)
        await withStore(() => this.verifications.consume(body.verificationToken));
      throw error;
    }
    await withStore(() => this.verifications.consume(body.verificationToken));
    try {
      return await this.oauth.sessionForNewAccount('lux', tokens);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, {
        detail:
          'The account was created, but the gateway cannot open a session right now; sign in with POST /v1/auth/token shortly.',
        headers: { 'retry-after': '5' },
      });
    }
  }

  // --- Legacy sign-up ----------------------------------------------------------------------

  async signUpLegacy(
    ctx: RequestContext,
    ip: string,
    body: LegacySignUpDto,
  ): Promise<LegacySignedUpDto> {
    const phone = this.phone(body.phone);
    await this.limits.signUp(ip);
    await this.nueyne.signUpLegacy(ctx, { ...body, phone: phone.e164 });
    return { email: body.email, emailVerificationRequired: true };
  }

  // --- Recovery --------------------------------------------------------------------------

  async resetPassword(
    ctx: RequestContext,
    product: 'lux' | 'legacy',
    ip: string,
    email: string,
  ): Promise<PasswordResetAcceptedDto> {
    await this.limits.recovery(ip, `email:${email.trim().toLowerCase()}`);
    const outcome: ResetMailOutcome =
      product === 'lux'
        ? await this.nueyne.sendLuxResetMail(ctx, email)
        : await this.nueyne.sendLegacyResetMail(ctx, email);
    // No account, a social account and a failed mail all answer as a sent one: each of Nueyne's
    // answers would tell whether the e-mail has an account (a failed send happens only for one).
    if (outcome === 'mail_failed')
      this.logger.warn(`${product} send-reset-mail: Nueyne could not send the mail`);
    return { message: RESET_ACCEPTED };
  }

  async recoverLuxId(
    ctx: RequestContext,
    ip: string,
    phoneText: string,
    code: string,
  ): Promise<LuxRecoveredIdDto> {
    const phone = this.phone(phoneText);
    await this.limits.recovery(ip, `phone:${phone.e164}`);
    await this.limits.codeAttempt(phone.e164);
    return this.nueyne.findLuxAccount(ctx, phone.e164, code);
  }

  async recoverLegacyId(
    ctx: RequestContext,
    ip: string,
    body: LegacyRecoverIdDto,
  ): Promise<LegacyRecoveredIdDto> {
    const phone = this.phone(body.phone);
    await this.limits.recovery(ip, `phone:${phone.e164}`);
    const email = await this.nueyne.findLegacyEmail(ctx, {
      phone: phone.e164,
      birthdate: body.birthdate,
      gender: body.gender,
    });
    return { maskedEmail: maskEmail(email) };
  }

  async legacyEmailAvailability(
    ctx: RequestContext,
    ip: string,
    email: string,
  ): Promise<EmailAvailabilityDto> {
    await this.limits.emailCheck(ip);
    return { email, available: await this.nueyne.isLegacyEmailAvailable(ctx, email) };
  }
}
