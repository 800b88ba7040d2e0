import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { SessionService } from '../../auth/session/session.service';
import { NueyneClient } from '../../upstreams/nueyne/nueyne.client';
import {
  LuxCreatedMember,
  LuxMember,
  LuxMemberInput,
  LuxNotifications,
  LuxPhoneChange,
  LuxPolicy,
  LuxPolicyChanges,
  LuxProfile,
  LuxProfileChanges,
  LuxPushToken,
  LuxUpdatedProfile,
} from '../../upstreams/nueyne/nueyne.models';

/** The Lux account of the session: profile, consent, push, notifications, phone, members. */
@Injectable()
export class MeService {
  constructor(
    private readonly nueyne: NueyneClient,
    private readonly sessions: SessionService,
  ) {}

  profile(ctx: RequestContext, principal: Principal): Promise<LuxProfile> {
    return this.nueyne.getMe(ctx, principal);
  }

  updateProfile(
    ctx: RequestContext,
    principal: Principal,
    changes: LuxProfileChanges,
  ): Promise<LuxUpdatedProfile> {
    return this.nueyne.updateMe(ctx, principal, changes);
  }

  /** Nueyne deletes the account; then every gateway session holding that Lux account ends. */
  async deleteAccount(ctx: RequestContext, principal: Principal): Promise<void> {
    await this.nueyne.deleteMe(ctx, principal);
    await this.sessions.endLuxAccountSessions(principal);
  }

  updatePolicy(
    ctx: RequestContext,
    principal: Principal,
    changes: LuxPolicyChanges,
  ): Promise<LuxPolicy> {
    return this.nueyne.updatePolicy(ctx, principal, changes);
  }

  setPushToken(ctx: RequestContext, principal: Principal, token: string): Promise<LuxPushToken> {
    return this.nueyne.setPushToken(ctx, principal, token);
  }

  updateNotifications(
    ctx: RequestContext,
    principal: Principal,
    settings: LuxNotifications,
  ): Promise<LuxNotifications> {
    return this.nueyne.updateNotifications(ctx, principal, settings);
  }

  changePhone(ctx: RequestContext, principal: Principal, change: LuxPhoneChange): Promise<void> {
    return this.nueyne.changePhone(ctx, principal, change);
  }

  createMember(
    ctx: RequestContext,
    principal: Principal,
    member: LuxMemberInput,
  ): Promise<LuxCreatedMember> {
    return this.nueyne.createMember(ctx, principal, member);
  }

  member(ctx: RequestContext, principal: Principal, memberId: number): Promise<LuxMember> {
    return this.nueyne.getMember(ctx, principal, memberId);
  }

  updateMember(
    ctx: RequestContext,
    principal: Principal,
    memberId: number,
    changes: LuxProfileChanges,
  ): Promise<LuxMember> {
    return this.nueyne.updateMember(ctx, principal, memberId, changes);
  }

  deleteMember(
    ctx: RequestContext,
    principal: Principal,
    memberId: number,
    uniqueId: string,
  ): Promise<void> {
    return this.nueyne.deleteMember(ctx, principal, memberId, uniqueId);
  }
}
