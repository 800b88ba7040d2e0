import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/context/request-context';
import { Principal } from '../../common/access/principal';
import { AppConfig } from '../../config/app-config';
import { UpstreamRequest } from '../http/upstream-http.types';
import { upstreamPath } from '../http/upstream-path';
import { UpstreamError } from '../http/upstream.error';
import { NUEYNE_ROUTES as R, isNueyneRefusal, nueyneProblem } from './nueyne-errors';
import { NueyneHttp } from './nueyne.http';
import {
  fromLiveSessionInput,
  fromLuxMemberInput,
  fromLuxNotifications,
  fromLuxPolicyChanges,
  fromLuxProfileChanges,
  fromTherapyLogInput,
  toCheckedTherapyDevice,
  toDeviceLastUse,
  toLiveSession,
  toLuxCreatedMember,
  toLuxMember,
  toLuxNotifications,
  toLuxPolicy,
  toLuxProfile,
  toLuxUpdatedProfile,
  toTherapyDevice,
  toTherapyLog,
} from './nueyne.mappers';
import {
  CheckedTherapyDevice,
  DeviceLastUse,
  LiveSession,
  LiveSessionInput,
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
  TherapyDevice,
  TherapyDeviceRegistration,
  TherapyLog,
  TherapyLogInput,
} from './nueyne.models';
import { NueyneProduct, NueyneTokenManager } from './nueyne-token.manager';
import { monthInZone } from './nueyne-time';
import {
  LegacyCheckedDeviceVendor,
  LegacyDeviceVendor,
  LegacyDevlogVendor,
  LegacySetMyDeviceQueryVendor,
  LegacyTempLogVendor,
} from './vendor/legacy-device.vendor';
import {
  LuxChangePhoneVendor,
  LuxCreatedRealUserVendor,
  LuxDeleteRealUserVendor,
  LuxMeVendor,
  LuxNotificationVendor,
  LuxPolicyVendor,
  LuxRealUserVendor,
  LuxRootUserVendor,
  LuxUpdateRealUserVendor,
} from './vendor/lux-user.vendor';

type NueyneCall = Omit<UpstreamRequest, 'headers' | 'baseUrl' | 'context'>;

type Shape = 'object' | 'array' | 'string' | 'any';

/**
 * One method per Nueyne route of seed pages 000 (Elexir Legacy devices) and 001 (Lux user).
 * Each builds the request as the route wants it (query, JSON body, path), sends it with the
 * session's token of the right product, maps documented errors through the table and hands back
 * public shapes. Vendor shapes never leave this folder.
 */
@Injectable()
export class NueyneClient {
  private readonly zone: string;

  constructor(
    private readonly http: NueyneHttp,
    private readonly tokens: NueyneTokenManager,
    config: AppConfig,
  ) {
    this.zone = config.nueyne.timezone;
  }

  // ---------------------------------------------------------------------------------------
  // Lux user (seed page 001)

  async getMe(ctx: RequestContext, principal: Principal): Promise<LuxProfile> {
    const me = await this.send<LuxMeVendor>(ctx, principal, 'lux', 'object', {
      method: 'GET',
      path: '/api/v1/lux/user/me',
      route: R.me,
    });
    return toLuxProfile(me);
  }

  async updateMe(
    ctx: RequestContext,
    principal: Principal,
    changes: LuxProfileChanges,
  ): Promise<LuxUpdatedProfile> {
    const user = await this.send<LuxRootUserVendor>(ctx, principal, 'lux', 'object', {
      method: 'PATCH',
      path: '/api/v1/lux/user/root-user',
      route: R.updateRootUser,
      json: fromLuxProfileChanges(changes),
    });
    return toLuxUpdatedProfile(user);
  }

  async deleteMe(ctx: RequestContext, principal: Principal): Promise<void> {
    await this.send(ctx, principal, 'lux', 'any', {
      method: 'DELETE',
      path: '/api/v1/lux/user/root-user',
      route: R.deleteRootUser,
    });
  }

  async updatePolicy(
    ctx: RequestContext,
    principal: Principal,
    changes: LuxPolicyChanges,
  ): Promise<LuxPolicy> {
    const policy = await this.send<LuxPolicyVendor>(ctx, principal, 'lux', 'object', {
      method: 'PATCH',
      path: '/api/v1/lux/user/policy',
      route: R.policy,
      json: fromLuxPolicyChanges(changes),
    });
    return toLuxPolicy(policy, this.zone);
  }

  /** The upstream answers the stored token as a bare JSON string. */
  async setPushToken(
    ctx: RequestContext,
    principal: Principal,
    token: string,
  ): Promise<LuxPushToken> {
    const stored = await this.send<unknown>(ctx, principal, 'lux', 'any', {
      method: 'POST',
      path: '/api/v1/lux/user/push/set-token',
      route: R.pushToken,
      json: { token },
    });
    return { token: typeof stored === 'string' ? stored : token };
  }

  async updateNotifications(
    ctx: RequestContext,
    principal: Principal,
    settings: LuxNotifications,
  ): Promise<LuxNotifications> {
    const stored = await this.send<LuxNotificationVendor>(ctx, principal, 'lux', 'object', {
      method: 'PATCH',
      path: '/api/v1/lux/user/notification',
      route: R.notification,
      json: fromLuxNotifications(settings),
    });
    return toLuxNotifications(stored);
  }

  async changePhone(
    ctx: RequestContext,
    principal: Principal,
    change: LuxPhoneChange,
  ): Promise<void> {
    const body: LuxChangePhoneVendor = { phone: change.phone };
    if (change.verificationCode !== undefined) body.validnum = change.verificationCode;
    await this.send(ctx, principal, 'lux', 'any', {
      method: 'POST',
      path: '/api/v1/lux/user/change-phone',
      route: R.changePhone,
      json: body,
    });
  }

  async createMember(
    ctx: RequestContext,
    principal: Principal,
    member: LuxMemberInput,
  ): Promise<LuxCreatedMember> {
    const created = await this.send<LuxCreatedRealUserVendor>(ctx, principal, 'lux', 'object', {
      method: 'POST',
      path: '/api/v1/lux/user/create-real-user',
      route: R.createRealUser,
      json: fromLuxMemberInput(member),
    });
    return toLuxCreatedMember(created, this.zone);
  }

  async getMember(ctx: RequestContext, principal: Principal, memberId: number): Promise<LuxMember> {
    const member = await this.send<LuxRealUserVendor>(ctx, principal, 'lux', 'object', {
      method: 'GET',
      path: upstreamPath('/api/v1/lux/user/real-user/:id', { id: memberId }),
      route: R.realUser,
    });
    return toLuxMember(member);
  }

  /** `id` goes in the body, as the route's header in the seed page says. */
  async updateMember(
    ctx: RequestContext,
    principal: Principal,
    memberId: number,
    changes: LuxProfileChanges,
  ): Promise<LuxMember> {
    const body: LuxUpdateRealUserVendor = { id: memberId, ...fromLuxProfileChanges(changes) };
    const member = await this.send<LuxRealUserVendor>(ctx, principal, 'lux', 'object', {
      method: 'PATCH',
      path: '/api/v1/lux/user/update-real-user',
      route: R.updateRealUser,
      json: body,
    });
    return toLuxMember(member);
  }

  /** A DELETE with a JSON body `{real_user_id, unique_id}`. */
  async deleteMember(
    ctx: RequestContext,
    principal: Principal,
    memberId: number,
    uniqueId: string,
  ): Promise<void> {
    const body: LuxDeleteRealUserVendor = { real_user_id: memberId, unique_id: uniqueId };
    await this.send(ctx, principal, 'lux', 'any', {
      method: 'DELETE',
      path: '/api/v1/lux/user/delete-real-user',
      route: R.deleteRealUser,
      json: body,
    });
  }

  // ---------------------------------------------------------------------------------------
  // Elexir Legacy devices (seed page 000)

  async listTherapyDevices(ctx: RequestContext, principal: Principal): Promise<TherapyDevice[]> {
    const devices = await this.send<LegacyDeviceVendor[]>(ctx, principal, 'legacy', 'array', {
      method: 'GET',
      path: '/api/v1/legacy/device/my-devices',
      route: R.myDevices,
    });
    return devices.map((device) => toTherapyDevice(device, this.zone));
  }

  async checkTherapyDevice(
    ctx: RequestContext,
    principal: Principal,
    uniqueId: string,
  ): Promise<CheckedTherapyDevice> {
    const device = await this.send<LegacyCheckedDeviceVendor>(ctx, principal, 'legacy', 'object', {
      method: 'GET',
      path: '/api/v1/legacy/device/check-device',
      route: R.checkDevice,
      query: { unique_id: uniqueId },
    });
    return toCheckedTherapyDevice(device, this.zone);
  }

  /** Query parameters, no body; `mac_id` only when given. */
  async registerTherapyDevice(
    ctx: RequestContext,
    principal: Principal,
    registration: TherapyDeviceRegistration,
  ): Promise<void> {
    const query: LegacySetMyDeviceQueryVendor = {
      serial_code: registration.serialCode,
      mac_id: registration.macId,
      unique_id: registration.uniqueId,
    };
    await this.send(ctx, principal, 'legacy', 'any', {
      method: 'POST',
      path: '/api/v1/legacy/device/set-my-device',
      route: R.setMyDevice,
      query,
    });
  }

  async unregisterTherapyDevice(
    ctx: RequestContext,
    principal: Principal,
    uniqueId: string,
  ): Promise<void> {
    await this.send(ctx, principal, 'legacy', 'any', {
      method: 'PATCH',
      path: '/api/v1/legacy/device/un-connect',
      route: R.unConnect,
      query: { unique_id: uniqueId },
    });
  }

  async lastUse(
    ctx: RequestContext,
    principal: Principal,
    deviceId: number,
  ): Promise<DeviceLastUse> {
    const lastTime = await this.send<unknown>(ctx, principal, 'legacy', 'string', {
      method: 'GET',
      path: upstreamPath('/api/v1/legacy/device/devlog/lasttime/:id', { id: deviceId }),
      route: R.lastTime,
    });
    return toDeviceLastUse(deviceId, lastTime, this.zone);
  }

  async uploadTherapyLog(
    ctx: RequestContext,
    principal: Principal,
    log: TherapyLogInput,
  ): Promise<TherapyLog> {
    const stored = await this.send<LegacyDevlogVendor>(ctx, principal, 'legacy', 'object', {
      method: 'POST',
      path: '/api/v1/legacy/device/devlog',
      route: R.devlog,
      json: fromTherapyLogInput(log, this.zone),
    });
    return toTherapyLog(stored, this.zone);
  }

  /** Logs of one month (`YYYY-MM`; the current month in the Nueyne zone when omitted). */
  async therapyLogs(
    ctx: RequestContext,
    principal: Principal,
    month?: string,
  ): Promise<TherapyLog[]> {
    const yearMonth = month ?? monthInZone(Date.now(), this.zone);
    const logs = await this.send<LegacyDevlogVendor[]>(ctx, principal, 'legacy', 'array', {
      method: 'GET',
      path: upstreamPath('/api/v1/legacy/device/my-devlog/:month', { month: yearMonth }),
      route: R.myDevlog,
    });
    return logs.map((log) => toTherapyLog(log, this.zone));
  }

  /** Start (`finish_flag` 0, `last_date` "") without `endedAt`, finish with it. */
  async recordLiveSession(
    ctx: RequestContext,
    principal: Principal,
    session: LiveSessionInput,
  ): Promise<LiveSession> {
    const stored = await this.send<LegacyTempLogVendor>(ctx, principal, 'legacy', 'object', {
      method: 'POST',
      path: '/api/v1/elexir/device/devlog/temp',
      route: R.tempLog,
      json: fromLiveSessionInput(session, this.zone),
    });
    return toLiveSession(stored, this.zone);
  }

  // ---------------------------------------------------------------------------------------

  /** Sends with the product's bearer token; non-2xx become problems via the error table. */
  private async send<T>(
    ctx: RequestContext,
    principal: Principal,
    product: NueyneProduct,
    shape: Shape,
    call: NueyneCall,
  ): Promise<T> {
    const response = await this.tokens.send<T>(ctx, principal, product, (accessToken) =>
      this.http.request<T>({
        ...call,
        context: ctx,
        headers: { authorization: `Bearer ${accessToken}` },
        refusal: (answer) => isNueyneRefusal(answer, call.route),
      }),
    );
    if (response.status < 200 || response.status >= 300) throw nueyneProblem(response, call.route);
    const body: unknown = response.body;
    const ok =
      shape === 'any' ||
      (shape === 'array' && Array.isArray(body)) ||
      (shape === 'object' && typeof body === 'object' && body !== null && !Array.isArray(body)) ||
      (shape === 'string' && typeof body === 'string');
    if (!ok) {
      throw new UpstreamError(
        'nueyne',
        call.route,
        'bad_response',
        `nueyne answered ${call.route} with ${Array.isArray(body) ? 'an array' : typeof body}, expected ${shape}`,
      );
    }
    return body as T;
  }
}
