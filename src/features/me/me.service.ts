import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/principal';
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

  profile(principal: Principal): Promise<LuxProfile> {
    return this.nueyne.getMe(principal);
  }

  updateProfile(principal: Principal, changes: LuxProfileChanges): Promise<LuxUpdatedProfile> {
    return this.nueyne.updateMe(principal, changes);
  }

  /** Nueyne deletes the account; then every gateway session holding that Lux account ends. */
  async deleteAccount(principal: Principal): Promise<void> {
    await this.nueyne.deleteMe(principal);
    await this.sessions.endLuxAccountSessions(principal);
  }

  updatePolicy(principal: Principal, changes: LuxPolicyChanges): Promise<LuxPolicy> {
    return this.nueyne.updatePolicy(principal, changes);
  }

  setPushToken(principal: Principal, token: string): Promise<LuxPushToken> {
    return this.nueyne.setPushToken(principal, token);
  }

  updateNotifications(principal: Principal, settings: LuxNotifications): Promise<LuxNotifications> {
    return this.nueyne.updateNotifications(principal, settings);
  }

  changePhone(principal: Principal, change: LuxPhoneChange): Promise<void> {
    return this.nueyne.changePhone(principal, change);
  }

  createMember(principal: Principal, member: LuxMemberInput): Promise<LuxCreatedMember> {
    return this.nueyne.createMember(principal, member);
  }

  member(principal: Principal, memberId: number): Promise<LuxMember> {
    return this.nueyne.getMember(principal, memberId);
  }

  updateMember(
    principal: Principal,
    memberId: number,
    changes: LuxProfileChanges,
  ): Promise<LuxMember> {
    return this.nueyne.updateMember(principal, memberId, changes);
  }

  deleteMember(principal: Principal, memberId: number, uniqueId: string): Promise<void> {
    return this.nueyne.deleteMember(principal, memberId, uniqueId);
  }
}
