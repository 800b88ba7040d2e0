import { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe } from '../src/common/problem/validation';
import { NueyneCredentialsDto, ThinqLinkDto } from '../src/features/links/links.dto';
import { ApplianceEventsQueryDto } from '../src/features/appliance-events/appliance-events.dto';
import { ApplianceParamsDto } from '../src/features/appliances/appliance.dto';
import { TYPED_DEVICES } from '../src/features/appliances/appliance-types';
import { validateCommand } from '../src/features/appliances/command-validator';
import {
  airConditionerProfile,
  type PropertySpec,
} from '../src/upstreams/thinq/vendor/device-profiles.vendor';
import { ConferenceRoomParamsDto } from '../src/features/conference/conference.dto';
import {
  ChangePhoneDto,
  CreateMemberDto,
  DeleteMemberQueryDto,
  UpdatePolicyDto,
  UpdateProfileDto,
} from '../src/features/me/me.dto';
import {
  RegisterTherapyDeviceDto,
  TherapyLogInputDto,
  TherapyLogsQueryDto,
  UniqueIdQueryDto,
} from '../src/features/therapy/therapy.dto';
import { LiveSessionInputDto } from '../src/features/therapy/live-session.dto';
import {
  ConfirmPhoneDto,
  LegacyRecoverIdDto,
  LegacySignUpDto,
  LuxRecoverIdDto,
  LuxSignUpDto,
  PasswordResetDto,
  SendPhoneCodeDto,
} from '../src/features/accounts/accounts.dto';
import { OpenApiContract } from './support/openapi-contract';

/**
 * The spec is never looser than the code: for each request field with a rule, what the gateway's
 * validation refuses the committed openapi.json refuses too (so a generated client or a fuzzer
 * working from the spec does not send what the gateway then refuses), and what one takes the other
 * takes. Rules JSON Schema cannot say (`to` not before `from`) are in the descriptions.
 */
describe('openapi.json request schemas agree with the gateway’s validation', () => {
  const contract = OpenApiContract.load();
  const pipe = createValidationPipe();

  const gatewayTakes = async (
    metatype: ArgumentMetadata['metatype'],
    value: unknown,
    type: ArgumentMetadata['type'] = 'body',
  ): Promise<boolean> =>
    pipe.transform(value, { type, metatype }).then(
      () => true,
      () => false,
    );

  const log = {
    userId: 2,
    modelId: 2,
    deviceId: 2,
    firmwareVersion: 22.0,
    loggedAt: '2025-04-11T15:58:00Z',
    mode: 1,
    finishFlag: 1,
    lastIntensity: 161.0,
    treatmentTime: 1200,
    eventNum: 2,
    logData: '06008101f793466e1100800cb0043304',
  };
  const session = {
    userId: 2,
    modelId: 2,
    deviceId: 2,
    uniqueId: '270038000C50524833343720',
    startedAt: '2025-04-14T03:53:49.261Z',
  };
  const member = {
    firstName: 'test',
    lastName: '',
    birthdate: '1997-01-01',
    gender: 'F',
    device: { serialCode: 'SL20401000', macId: '41AD', uniqueId: 'unique' },
  };
  const device = { serialCode: 'test1', uniqueId: '1' };
  const legacySignUp = {
    email: 'elder@junction.dev',
    password: '1234',
    phone: '+821012345858',
    name: 'tester1234',
    relation: 'S',
    gender: 'M',
    birthdate: '1990-01-01',
    isMarketingAgree: true,
    isPushAgree: true,
    region: '경기도',
  };

  const bodies: [string, ArgumentMetadata['metatype'], unknown, boolean][] = [
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, device, true],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, macId: 'test1234' }, true],
    [
      'RegisterTherapyDeviceDto',
      RegisterTherapyDeviceDto,
      { ...device, macId: '2023-06-29 15:07:25' },
      true,
    ],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, macId: 'a\nb' }, false],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, macId: '' }, false],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, macId: null }, false],
    [
      'RegisterTherapyDeviceDto',
      RegisterTherapyDeviceDto,
      { ...device, uniqueId: 'x'.repeat(65) },
      false,
    ],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, uniqueId: 'a b' }, false],
    ['RegisterTherapyDeviceDto', RegisterTherapyDeviceDto, { ...device, serial_code: 'x' }, false],
    ['LiveSessionInputDto', LiveSessionInputDto, session, true],
    ['LiveSessionInputDto', LiveSessionInputDto, { ...session, endedAt: null }, true],
    [
      'LiveSessionInputDto',
      LiveSessionInputDto,
      { ...session, endedAt: '2025-04-14T13:53:49.261+09:00', finishFlag: 1 },
      true,
    ],
    [
      'LiveSessionInputDto',
      LiveSessionInputDto,
      { ...session, startedAt: '2025-04-14T03:53Z' },
      false,
    ],
    [
      'LiveSessionInputDto',
      LiveSessionInputDto,
      { ...session, startedAt: '2025-04-14 03:53:49Z' },
      false,
    ],
    ['LiveSessionInputDto', LiveSessionInputDto, { ...session, userId: 2147483648 }, false],
    ['LiveSessionInputDto', LiveSessionInputDto, { ...session, deviceId: 0 }, false],
    ['LiveSessionInputDto', LiveSessionInputDto, { ...session, finishFlag: null }, false],
    ['TherapyLogInputDto', TherapyLogInputDto, log, true],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, treatmentTime: 90000 }, true],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, mode: 2 }, false],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, treatmentTime: -1 }, false],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, eventNum: 1.5 }, false],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, logData: '' }, false],
    ['UpdateProfileDto', UpdateProfileDto, { gender: 'P' }, true],
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: null }, false],
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: '1997-02-30' }, false],
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: '19970101' }, false],
    ['UpdateProfileDto', UpdateProfileDto, { gender: 'X' }, false],
    ['UpdateProfileDto', UpdateProfileDto, { firstName: 'x'.repeat(51) }, false],
    ['UpdatePolicyDto', UpdatePolicyDto, { isPushAgree: null }, false],
    ['ChangePhoneDto', ChangePhoneDto, { phone: '010-1234-5678', verificationCode: '1' }, true],
    ['ChangePhoneDto', ChangePhoneDto, { phone: 'call me', verificationCode: '1' }, false],
    // Lux changes no number without the code: required in both.
    ['ChangePhoneDto', ChangePhoneDto, { phone: '010-1234-5678' }, false],
    // Years from 0100 (JavaScript's dates read 0000-0099 as 1900-1999).
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: '0100-01-01' }, true],
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: '0099-12-31' }, false],
    ['UpdateProfileDto', UpdateProfileDto, { birthdate: '0000-01-01' }, false],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, loggedAt: '0100-01-01T00:00:00Z' }, true],
    ['TherapyLogInputDto', TherapyLogInputDto, { ...log, loggedAt: '0099-12-31T23:59:59Z' }, false],
    [
      'LiveSessionInputDto',
      LiveSessionInputDto,
      { ...session, startedAt: '0001-01-01T00:00:00Z' },
      false,
    ],
    ['LegacySignUpDto', LegacySignUpDto, legacySignUp, true],
    ['LegacySignUpDto', LegacySignUpDto, { ...legacySignUp, socialNaverId: 'n1' }, true],
    ['LegacySignUpDto', LegacySignUpDto, { ...legacySignUp, socialNaverId: null }, false],
    ['LegacySignUpDto', LegacySignUpDto, { ...legacySignUp, deviceUserGender: null }, false],
    ['LegacySignUpDto', LegacySignUpDto, { ...legacySignUp, birthdate: '0099-01-01' }, false],
    ['LegacySignUpDto', LegacySignUpDto, { ...legacySignUp, extra: 1 }, false],
    ['ChangePhoneDto', ChangePhoneDto, { phone: '+821012345678', verificationCode: '12ab' }, false],
    ['CreateMemberDto', CreateMemberDto, member, true],
    [
      'CreateMemberDto',
      CreateMemberDto,
      { ...member, device: { ...member.device, macId: '41:AD' } },
      false,
    ],
    [
      'CreateMemberDto',
      CreateMemberDto,
      { ...member, device: { ...member.device, alias: 'x' } },
      false,
    ],
    ['NueyneCredentialsDto', NueyneCredentialsDto, { username: 'a@b.co', password: 'p' }, true],
    [
      'NueyneCredentialsDto',
      NueyneCredentialsDto,
      { username: 'not-an-email', password: 'p' },
      false,
    ],
    ['NueyneCredentialsDto', NueyneCredentialsDto, { username: 'a@b.co', password: '' }, false],
    ['ThinqLinkDto', ThinqLinkDto, { accessToken: 't', countryCode: 'KR' }, true],
    ['ThinqLinkDto', ThinqLinkDto, { accessToken: 't', countryCode: 'kr' }, false],
    // Two letters that are no country: both refuse (an enum of the assigned codes).
    ['ThinqLinkDto', ThinqLinkDto, { accessToken: 't', countryCode: 'ZZ' }, false],
    ['ThinqLinkDto', ThinqLinkDto, { accessToken: 't', countryCode: 'US' }, true],
    ['ThinqLinkDto', ThinqLinkDto, { accessToken: 'x'.repeat(2049), countryCode: 'KR' }, false],
  ];

  it.each(bodies.map(([schema, metatype, body, takes]) => [schema, body, takes, metatype]))(
    '%s %j: taken by gateway and spec alike: %s',
    async (schema, body, takes, metatype) => {
      const spec = contract.validateComponent(schema, body);
      expect({ gateway: await gatewayTakes(metatype, body), spec: spec === undefined }).toEqual({
        gateway: takes,
        spec: takes,
      });
    },
  );

  const parameters: [string, string, string, ArgumentMetadata['metatype'], 'query' | 'param'][] = [
    ['get', '/v1/therapy/logs', 'month', TherapyLogsQueryDto, 'query'],
    ['get', '/v1/therapy/devices/check', 'uniqueId', UniqueIdQueryDto, 'query'],
    ['delete', '/v1/me/members/{memberId}', 'uniqueId', DeleteMemberQueryDto, 'query'],
    ['get', '/v1/conference/sessions/{roomName}', 'roomName', ConferenceRoomParamsDto, 'param'],
    ['get', '/v1/appliances/{deviceId}/status', 'deviceId', ApplianceParamsDto, 'param'],
    ['get', '/v1/appliances/events', 'ticket', ApplianceEventsQueryDto, 'query'],
    ['get', '/v1/appliances/events', 'lastEventId', ApplianceEventsQueryDto, 'query'],
  ];
  const values: Record<string, [string, boolean][]> = {
    month: [
      ['2025-04', true],
      ['2025-13', false],
      ['2025-4', false],
    ],
    uniqueId: [
      ['2E0031000C50524833343723', true],
      ['a/b', true],
      ['a b', false],
      ['x'.repeat(65), false],
    ],
    roomName: [
      ['Team room/2', true],
      ['r'.repeat(100), true],
      ['r'.repeat(101), false],
    ],
    deviceId: [
      ['TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435', true],
      ['a.b_c-D9', true],
      ['d'.repeat(128), true],
      ['d'.repeat(129), false],
      ['a b', false],
      ['a!b', false],
      ['a:b', false],
    ],
    ticket: [
      ['m1Jp3k0cQ0hVgJ0o0y8Zx7c1u2V4b5N6m7Q8r9S0t1U', true],
      ['m1Jp3k0cQ0hVgJ0o0y8Zx7c1u2V4b5N6m7Q8r9S0t1', false],
      ['m1Jp3k0cQ0hVgJ0o0y8Zx7c1u2V4b5N6m7Q8r9S0t1+', false],
    ],
    lastEventId: [
      ['Yk3nQ2pA.lxq2f1a3,Ab8c7Q_-.3', true],
      ['x'.repeat(64 * 21), true],
      ['x'.repeat(64 * 21 + 1), false],
    ],
  };

  it.each(
    parameters.flatMap(([method, path, name, metatype, type]) =>
      values[name].map(([value, takes]) => [method, path, name, value, takes, metatype, type]),
    ) as [string, string, string, string, boolean, ArgumentMetadata['metatype'], 'query'][],
  )(
    '%s %s %s=%j: gateway and spec both %s',
    async (method, path, name, value, takes, metatype, type) => {
      const spec = contract.validateParameter(method, path, name, value);
      expect({
        gateway: await gatewayTakes(metatype, { [name]: value }, type),
        spec: spec === undefined,
      }).toEqual({ gateway: takes, spec: takes });
    },
  );

  it('GET /v1/appliances/events deviceId (repeated): gateway and spec agree', async () => {
    const lists: [unknown[], boolean][] = [
      [['TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435', 'washer'], true],
      [Array.from({ length: 64 }, (_, i) => `d${i}`), true],
      [Array.from({ length: 65 }, (_, i) => `d${i}`), false],
      [[], false],
      [['a b'], false],
      [['d'.repeat(129)], false],
      [['a!b'], false],
    ];
    for (const [value, takes] of lists) {
      const spec = contract.validateParameter('get', '/v1/appliances/events', 'deviceId', value);
      expect({
        value,
        gateway: await gatewayTakes(ApplianceEventsQueryDto, { deviceId: value }, 'query'),
        spec: spec === undefined,
      }).toEqual({ value, gateway: takes, spec: takes });
    }
    // One `deviceId` arrives as a string: the gateway takes it as a list of one.
    expect(await gatewayTakes(ApplianceEventsQueryDto, { deviceId: 'washer' }, 'query')).toBe(true);
  });

  /** The schema a request body names, as openapi.json has it (no closing added). */
  const rawSchema = (node: Record<string, unknown>): Record<string, unknown> => {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    const name = ref.replace('#/components/schemas/', '');
    return contract.document.components!.schemas![name];
  };

  describe('appliance commands: the spec admits whatever the command validator accepts', () => {
    const commandBody = (
      contract.document.paths['/v1/appliances/{deviceId}/commands'] as {
        post: { requestBody: { content: Record<string, { schema: Record<string, unknown> }> } };
      }
    ).post.requestBody.content['application/json'].schema;
    /** Values the validator takes for a writable property (each enum value, range ends...). */
    const values = (spec: PropertySpec): unknown[] => {
      const allowed = spec.value?.w;
      switch (spec.type) {
        case 'enum':
        case 'list':
          return spec.type === 'list' ? [allowed] : (allowed as unknown[]);
        case 'boolean':
          return [true, false];
        case 'range': {
          const { min, max } = allowed as { min: number; max: number };
          return [min, max];
        }
        default:
          return [0];
      }
    };
    /** One command per writable property and value of the profile, located ones per location. */
    const commandsOf = (profile: ReturnType<typeof airConditionerProfile>) => {
      const commands: Record<string, unknown>[] = [];
      for (const [resource, spec] of Object.entries(profile.property)) {
        const entries = Array.isArray(spec) ? spec : [spec];
        for (const entry of entries) {
          for (const [name, property] of Object.entries(entry)) {
            if (typeof property === 'string' || !property.mode.includes('w')) continue;
            for (const value of values(property)) {
              const set = { [name]: value };
              commands.push({
                [resource]: Array.isArray(spec)
                  ? { locationName: (entry as { locationName: string }).locationName, ...set }
                  : set,
              });
            }
          }
        }
      }
      return commands;
    };

    it.each(TYPED_DEVICES.map((device) => [device.name, device] as const))(
      '%s: every command its profile accepts validates as the body and as its typed command',
      (name, device) => {
        const profile = device.profile();
        const commands = commandsOf(profile);
        expect(commands.length).toBeGreaterThan(0);
        for (const command of commands) {
          expect(validateCommand(profile, command)).toEqual([]);
          expect(contract.validate(commandBody, command, 'request')).toBeUndefined();
          expect(contract.validateComponent(`${name}Command`, command)).toBeUndefined();
        }
      },
    );

    it('a real device whose profile takes more than the typed command still validates as the body', () => {
      const profile = airConditionerProfile();
      const jobMode = (profile.property.airConJobMode as Record<string, PropertySpec>)
        .currentJobMode;
      jobMode.value = { r: ['COOL', 'HEAT'], w: ['COOL', 'HEAT'] };
      const command = { airConJobMode: { currentJobMode: 'HEAT' } };
      expect(validateCommand(profile, command)).toEqual([]);
      expect(contract.validateComponent('AirConditionerCommand', command)).toBeDefined();
      expect(contract.validate(commandBody, command, 'request')).toBeUndefined();
    });
  });

  it('every body the gateway validates is closed in the document as written (additionalProperties: false)', () => {
    const open: string[] = [];
    const visit = (where: string, node: Record<string, unknown>, seen: Set<unknown>) => {
      const schema = rawSchema(node);
      if (seen.has(schema)) return;
      seen.add(schema);
      const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
      if (properties && schema.additionalProperties !== false) open.push(where);
      for (const [name, sub] of Object.entries(properties ?? {}))
        visit(`${where}.${name}`, sub, seen);
      const items = schema.items as Record<string, unknown> | undefined;
      if (items) visit(`${where}[]`, items, seen);
    };
    const paths = contract.document.paths as Record<string, Record<string, unknown>>;
    let bodies = 0;
    for (const [path, item] of Object.entries(paths)) {
      // RFC 6749 3.1 and RFC 7009 2.1: the OAuth endpoints ignore parameters they do not know.
      if (path === '/v1/auth/token' || path === '/v1/auth/revoke') continue;
      for (const [method, operation] of Object.entries(item)) {
        const content = (
          operation as {
            requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
          }
        ).requestBody?.content;
        for (const media of Object.values(content ?? {})) {
          bodies += 1;
          visit(`${method.toUpperCase()} ${path}`, media.schema, new Set());
        }
      }
    }
    expect(bodies).toBeGreaterThanOrEqual(20);
    expect(open).toEqual([]);
  });

  it.each([
    ['LuxSignUpDto', LuxSignUpDto],
    ['LegacySignUpDto', LegacySignUpDto],
    ['PasswordResetDto', PasswordResetDto],
    ['SendPhoneCodeDto', SendPhoneCodeDto],
    ['ConfirmPhoneDto', ConfirmPhoneDto],
    ['LuxRecoverIdDto', LuxRecoverIdDto],
    ['LegacyRecoverIdDto', LegacyRecoverIdDto],
  ] as const)(
    '%s: the gateway refuses an unknown member, and the document says so',
    async (name, metatype) => {
      const refused = await pipe.transform({ unknownMember: 1 }, { type: 'body', metatype }).then(
        () => [],
        (error: { errors?: { field: string }[] }) => error.errors ?? [],
      );
      expect(refused).toContainEqual(expect.objectContaining({ field: 'unknownMember' }));
      expect(contract.document.components!.schemas![name]).toMatchObject({
        additionalProperties: false,
      });
    },
  );

  it.each([
    ['KR', true],
    ['FC', false],
    ['kr', false],
  ])('LuxSignUpDto nationalCode %s: gateway and spec both %s', async (nationalCode, takes) => {
    const signUp = {
      verificationToken: 'q3Jt0x1mVY2cGZ6mJ3o3b0b7h4Hq9m8sV3t5wzQx1cE',
      email: 'new@junction.dev',
      password: 'p',
      firstName: 'Minji',
      birthdate: '1997-01-31',
      gender: 'F',
      nationalCode,
      isPushAgree: true,
      isMarketingAgree: false,
    };
    expect({
      gateway: await gatewayTakes(LuxSignUpDto, signUp),
      spec: contract.validateComponent('LuxSignUpDto', signUp) === undefined,
    }).toEqual({ gateway: takes, spec: takes });
  });

  it('POST /v1/auth/revoke: an empty token is refused by the gateway and the document', () => {
    expect(contract.validateComponent('RevokeRequestDto', { token: '' })).toBeDefined();
    expect(contract.validateComponent('RevokeRequestDto', { token: 't' })).toBeUndefined();
  });

  it('declares the int32 range of numeric path ids (the gateway refuses anything else)', () => {
    for (const [path, name] of [
      ['/v1/me/members/{memberId}', 'memberId'],
      ['/v1/therapy/devices/{deviceId}/last-used', 'deviceId'],
    ]) {
      expect(contract.validateParameter('get', path, name, 2147483647)).toBeUndefined();
      expect(contract.validateParameter('get', path, name, 2147483648)).toBeDefined();
      expect(contract.validateParameter('get', path, name, 0)).toBeDefined();
      expect(contract.validateParameter('get', path, name, 1.5)).toBeDefined();
    }
  });
});
