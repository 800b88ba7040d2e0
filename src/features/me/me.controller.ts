import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentContext, RequestContext } from '../../common/context/request-context';
import { CurrentPrincipal, Principal, RequireScopes } from '../../common/access/principal';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import {
  ChangePhoneDto,
  CreatedMemberDto,
  CreateMemberDto,
  DeleteMemberQueryDto,
  MemberDto,
  MemberParamsDto,
  NotificationsDto,
  PolicyDto,
  ProfileDto,
  PushTokenDto,
  UpdatedProfileDto,
  UpdateMemberDto,
  UpdatePolicyDto,
  UpdateProfileDto,
} from './me.dto';
import { MeService } from './me.service';

const LUX = ' Needs a linked Lux account (403 `ACCOUNT_NOT_LINKED` otherwise).';

/** The Lux account of the session (Nueyne Lux user API). */
@ApiTags('me')
@ApiBearerAuth('bearer')
@RequireScopes('profile')
@Controller('v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({
    summary: 'The Lux account',
    description:
      'Lux `GET /api/v1/lux/user/me`: the signed-in user, with whether the password is older than ' +
      'three months and whether the personal details need an update.' +
      LUX +
      ' 404 `USER_NOT_FOUND` when Lux has no such user, 410 `ACCOUNT_DELETED` when it was deleted.',
  })
  @ApiOkResponse({ type: ProfileDto })
  @ApiProblems(401, 403, 404, 410, 502, 503, 504)
  profile(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfileDto> {
    return this.me.profile(ctx, principal);
  }

  @Patch()
  @ApiOperation({
    summary: 'Update the Lux account',
    description:
      'Lux `PATCH /api/v1/lux/user/root-user`: changes any of the names, birthdate and gender; ' +
      'absent fields stay as they are. `birthdate` is `YYYY-MM-DD` here and `yyyymmdd` at Lux. ' +
      'Answers the account as Lux stored it (Lux answers `id`, not `rootUserId`, here).' +
      LUX,
  })
  @ApiOkResponse({ type: UpdatedProfileDto })
  @ApiProblems(400, 401, 403, 404, 410, 502, 503, 504)
  updateProfile(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateProfileDto,
  ): Promise<UpdatedProfileDto> {
    return this.me.updateProfile(ctx, principal, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete the Lux account',
    description:
      'Lux `DELETE /api/v1/lux/user/root-user`: deletes the account (its members are deleted and ' +
      'their devices freed). Then every gateway session holding this Lux account ends, on every ' +
      'instance: their access and refresh tokens stop working.' +
      LUX +
      ' 502 `ACCOUNT_DELETE_FAILED` when Lux cannot find how the account signed up.',
  })
  @ApiNoContentResponse({ description: 'Deleted; the sessions of this account have ended.' })
  @ApiProblems(401, 403, 404, 502, 503, 504)
  deleteAccount(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    return this.me.deleteAccount(ctx, principal);
  }

  @Patch('policy')
  @ApiOperation({
    summary: 'Update push and marketing consent',
    description:
      'Lux `PATCH /api/v1/lux/user/policy`: sets push and/or marketing consent and answers the ' +
      'policy with the time each consent last changed. Lux refuses it (409 `PUSH_TOKEN_MISSING`) ' +
      'until a push token is set with `PUT /v1/me/push-token`; 404 `USER_POLICY_NOT_FOUND` when the ' +
      'account has no policy record.' +
      LUX,
  })
  @ApiOkResponse({ type: PolicyDto })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  updatePolicy(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdatePolicyDto,
  ): Promise<PolicyDto> {
    return this.me.updatePolicy(ctx, principal, body);
  }

  @Put('push-token')
  @ApiOperation({
    summary: 'Set the push (FCM) token',
    description:
      'Lux `POST /api/v1/lux/user/push/set-token`: stores the FCM token Nueyne pushes to, and ' +
      'answers it. 409 `PUSH_NOT_PERMITTED` when push consent is off; 400 `PUSH_TOKEN_INVALID` ' +
      'when Lux refuses the token.' +
      LUX,
  })
  @ApiOkResponse({ type: PushTokenDto })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  setPushToken(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: PushTokenDto,
  ): Promise<PushTokenDto> {
    return this.me.setPushToken(ctx, principal, body.token);
  }

  @Patch('notifications')
  @ApiOperation({
    summary: 'Update notification settings',
    description:
      'Lux `PATCH /api/v1/lux/user/notification`: sets the three notification switches (all ' +
      'required, as Lux requires them; each defaults to false at Lux) and answers them as booleans.' +
      LUX +
      ' 502 `NOTIFICATION_UPDATE_FAILED` when Lux cannot store them.',
  })
  @ApiOkResponse({ type: NotificationsDto })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  updateNotifications(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: NotificationsDto,
  ): Promise<NotificationsDto> {
    return this.me.updateNotifications(ctx, principal, body);
  }

  @Put('phone')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the phone number',
    description:
      'Lux `POST /api/v1/lux/user/change-phone`: after an SMS code was sent to the new number, ' +
      'changes it (Lux `validnum` is `verificationCode` here). 400 `VERIFICATION_CODE_EXPIRED` or ' +
      '`VERIFICATION_CODE_INVALID`, 409 `PHONE_ALREADY_REGISTERED`, 410 `ACCOUNT_DELETED` when the ' +
      'number belongs to a deleted account.' +
      LUX,
  })
  @ApiNoContentResponse({ description: 'The number is changed and marked verified.' })
  @ApiProblems(400, 401, 403, 409, 410, 502, 503, 504)
  changePhone(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePhoneDto,
  ): Promise<void> {
    return this.me.changePhone(ctx, principal, body);
  }

  @Post('members')
  @Idempotent()
  @ApiOperation({
    summary: 'Create a member with their device',
    description:
      'Lux `POST /api/v1/lux/user/create-real-user`: creates a member (a person who uses a ' +
      'device) under the account and registers the device to them in one call. 400 ' +
      '`SERIAL_CODE_INVALID`, 404 `DEVICE_NOT_FOUND`, 409 `DEVICE_ALREADY_CONNECTED` or ' +
      '`MEMBER_CREATE_FAILED`, 403 `NOT_AUTHORIZED_FOR_RESOURCE`.' +
      LUX,
  })
  @ApiBody({ type: CreateMemberDto })
  @ApiCreatedResponse({ type: CreatedMemberDto })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  createMember(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateMemberDto,
  ): Promise<CreatedMemberDto> {
    return this.me.createMember(ctx, principal, body);
  }

  @Get('members/:memberId')
  @ApiOperation({
    summary: 'A member',
    description:
      'Lux `GET /api/v1/lux/user/real-user/{id}`: one member of the account. 404 ' +
      '`MEMBER_NOT_FOUND`; 403 `NOT_AUTHORIZED_FOR_RESOURCE` for another account’s member.' +
      LUX,
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  member(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: MemberParamsDto,
  ): Promise<MemberDto> {
    return this.me.member(ctx, principal, params.memberId);
  }

  @Patch('members/:memberId')
  @ApiOperation({
    summary: 'Update a member',
    description:
      'Lux `PATCH /api/v1/lux/user/update-real-user` with the member id in the body: changes any ' +
      'of the names, birthdate (`YYYY-MM-DD`, `yyyymmdd` at Lux) and gender, and answers the member.' +
      LUX,
  })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 401, 403, 404, 502, 503, 504)
  updateMember(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: MemberParamsDto,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberDto> {
    return this.me.updateMember(ctx, principal, params.memberId, body);
  }

  @Delete('members/:memberId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a member and free their device',
    description:
      'Lux `DELETE /api/v1/lux/user/delete-real-user` with the JSON body `{real_user_id, unique_id}`: ' +
      'deletes the member and disconnects the device. `uniqueId` must be that member’s device ' +
      '(409 `MEMBER_DELETE_FAILED` otherwise).' +
      LUX,
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 401, 403, 404, 409, 502, 503, 504)
  deleteMember(
    @CurrentContext() ctx: RequestContext,
    @CurrentPrincipal() principal: Principal,
    @Param() params: MemberParamsDto,
    @Query() query: DeleteMemberQueryDto,
  ): Promise<void> {
    return this.me.deleteMember(ctx, principal, params.memberId, query.uniqueId);
  }
}
