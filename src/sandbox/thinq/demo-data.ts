import {
  airConditionerProfile,
  airPurifierProfile,
  dryerProfile,
  refrigeratorProfile,
  washerProfile,
  type DeviceProfile,
} from '../../upstreams/thinq/vendor/device-profiles.vendor';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A device's status: plain resources are objects, located resources arrays of objects. */
export type DeviceStatus = Record<string, JsonObject | JsonObject[]>;

export interface DeviceInfo {
  alias: string;
  codeName: string;
  deviceType: string;
  modelName: string;
  reportable: boolean;
  groupId?: string;
}

export interface DeviceRecord {
  deviceId: string;
  ownerId: string;
  deviceInfo: DeviceInfo;
  profile: DeviceProfile;
  status: DeviceStatus;
  online: boolean;
  /** A device error code (from the profile's `error` list); while set, control -> 2303. */
  error: string | null;
}

export const THINQ_DEMO_TOKENS = {
  userA: 'thinq-demo-token',
  userB: 'thinq-demo-token-2',
} as const;

export const THINQ_USERS: Record<string, string> = {
  [THINQ_DEMO_TOKENS.userA]: 'user-a',
  [THINQ_DEMO_TOKENS.userB]: 'user-b',
};

export const THINQ_DEVICE_IDS = {
  airConditioner: 'TQS-7E950117-52AF-4E8E-8ED3-4778C6D67435',
  airPurifier: 'TQS-A0FA49E5-1B95-4F9A-89B5-E4156706276A',
  refrigerator: 'TQS-3C1F2D7A-9B4E-4F61-A2D8-5E7C0B9F1A23',
  washer: 'TQS-5D8E4A21-7C3B-4E9F-B6A1-2F0D9C8E7B45',
  washtowerWasher: 'TQS-91B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D',
  washtowerDryer: 'TQS-0A1B2C3D-4E5F-4A6B-9C7D-8E9F0A1B2C3D',
  userBAirPurifier: '4ce6cc048f0cb87d7c763fdb04bad8ddcb4b4867381d619e0a538bd6e4c72e32',
} as const;

export const WASHTOWER_GROUP_ID = '1692851234567';

/** A fresh copy of the demo devices (user A: six devices, user B: one). */
export function createDemoDevices(): DeviceRecord[] {
  return [
    {
      deviceId: THINQ_DEVICE_IDS.airConditioner,
      ownerId: 'user-a',
      deviceInfo: {
        alias: 'PAC1',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_CONDITIONER',
        modelName: 'PAC_910604_KR',
        reportable: true,
      },
      profile: airConditionerProfile(),
      status: {
        airConJobMode: { currentJobMode: 'COOL' },
        operation: { airConOperationMode: 'POWER_ON' },
        temperature: { currentTemperature: 26, targetTemperature: 24, unit: 'C' },
        airFlow: { windStrength: 'MID' },
        powerSave: { powerSaveEnabled: false },
        remoteControlEnable: { remoteControlEnabled: true },
        timer: { relativeHourToStop: 0, relativeMinuteToStop: 0 },
      },
      online: true,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.airPurifier,
      ownerId: 'user-a',
      deviceInfo: {
        alias: '',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_PURIFIER',
        modelName: 'AIR_910604_WW',
        reportable: true,
      },
      profile: airPurifierProfile(),
      status: airPurifierStatus('POWER_ON'),
      online: true,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.refrigerator,
      ownerId: 'user-a',
      deviceInfo: {
        alias: 'Kitchen fridge',
        codeName: 'standard',
        deviceType: 'DEVICE_REFRIGERATOR',
        modelName: 'REF_910604_KR',
        reportable: true,
      },
      profile: refrigeratorProfile(),
      status: {
        doorStatus: [{ doorState: 'CLOSE', locationName: 'MAIN' }],
        refrigeration: { expressMode: false, freshAirFilter: 'OFF' },
        temperature: [
          { locationName: 'FRIDGE', targetTemperature: 5, unit: 'C' },
          { locationName: 'FREEZER', targetTemperature: -18, unit: 'C' },
        ],
      },
      online: true,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.washer,
      ownerId: 'user-a',
      deviceInfo: {
        alias: 'Laundry washer',
        codeName: 'standard',
        deviceType: 'DEVICE_WASHER',
        modelName: 'WM_910604_KR',
        reportable: true,
      },
      profile: washerProfile(),
      status: washerStatus('POWER_OFF', false),
      online: false,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.washtowerWasher,
      ownerId: 'user-a',
      deviceInfo: {
        alias: 'WashTower',
        codeName: 'standard',
        deviceType: 'DEVICE_WASHTOWER_WASHER',
        modelName: 'WT_910604_KR',
        reportable: true,
        groupId: WASHTOWER_GROUP_ID,
      },
      profile: washerProfile(),
      status: washerStatus('INITIAL', true),
      online: true,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.washtowerDryer,
      ownerId: 'user-a',
      deviceInfo: {
        alias: 'WashTower',
        codeName: 'standard',
        deviceType: 'DEVICE_WASHTOWER_DRYER',
        modelName: 'WT_910604_KR',
        reportable: true,
        groupId: WASHTOWER_GROUP_ID,
      },
      profile: dryerProfile(),
      status: {
        runState: { currentState: 'RUNNING' },
        remoteControlEnable: { remoteControlEnabled: true },
        timer: { remainHour: 0, remainMinute: 45, totalHour: 1, totalMinute: 20 },
      },
      online: true,
      error: null,
    },
    {
      deviceId: THINQ_DEVICE_IDS.userBAirPurifier,
      ownerId: 'user-b',
      deviceInfo: {
        alias: 'Bedroom purifier',
        codeName: 'standard',
        deviceType: 'DEVICE_AIR_PURIFIER',
        modelName: 'AIR_910604_WW',
        reportable: false,
      },
      profile: airPurifierProfile(),
      status: airPurifierStatus('POWER_OFF'),
      online: true,
      error: null,
    },
  ];
}

function airPurifierStatus(power: 'POWER_ON' | 'POWER_OFF'): DeviceStatus {
  return {
    airFlow: { windStrength: 'AUTO' },
    airPurifierJobMode: { currentJobMode: 'CLEAN' },
    airQualitySensor: {
      PM1: 8,
      PM10: 21,
      PM2: 12,
      humidity: 41,
      monitoringEnabled: 'ON_WORKING',
      oder: 1,
      totalPollution: 1,
    },
    operation: { airPurifierOperationMode: power },
    timer: {
      absoluteHourToStart: 0,
      absoluteHourToStop: 0,
      absoluteMinuteToStart: 0,
      absoluteMinuteToStop: 0,
    },
  };
}

function washerStatus(state: string, remoteControlEnabled: boolean): DeviceStatus {
  return {
    runState: { currentState: state },
    remoteControlEnable: { remoteControlEnabled },
    timer: { remainHour: 0, remainMinute: 0, totalHour: 0, totalMinute: 0, relativeHourToStop: 0 },
    detergent: { detergentSetting: 'NORMAL' },
  };
}
