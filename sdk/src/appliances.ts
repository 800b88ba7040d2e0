import type { components, paths } from './schema.js';

type Schemas = components['schemas'];

/**
 * A status as `GET /v1/appliances/{deviceId}/status` answers it: one member per device type the
 * gateway types (and `OtherApplianceStatus` for the rest). Narrow it on `deviceType`:
 * `if (status.deviceType === 'DEVICE_AIR_CONDITIONER') status.airConJobMode?.currentJobMode`.
 */
export type ApplianceStatus =
  paths['/v1/appliances/{deviceId}/status']['get']['responses'][200]['content']['application/json'];

/** Every `deviceType` the status types name (the typed ones and ThinQ's other documented ones). */
export type ApplianceDeviceType = ApplianceStatus['deviceType'];

/** The status of one device type: `ApplianceStatusOf<'DEVICE_WASHER'>` is `WasherStatus`. */
export type ApplianceStatusOf<T extends ApplianceDeviceType, S = ApplianceStatus> = S extends {
  deviceType: infer D;
}
  ? T extends D
    ? S
    : never
  : never;

/** The commands the spec types, by device type (what each type's ThinQ profile lets one write). */
export interface ApplianceCommands {
  DEVICE_AIR_CONDITIONER: Schemas['AirConditionerCommand'];
  DEVICE_AIR_PURIFIER: Schemas['AirPurifierCommand'];
  DEVICE_REFRIGERATOR: Schemas['RefrigeratorCommand'];
  DEVICE_WASHER: Schemas['WasherCommand'];
  DEVICE_WASHTOWER_WASHER: Schemas['WasherCommand'];
  DEVICE_DRYER: Schemas['DryerCommand'];
  DEVICE_WASHTOWER_DRYER: Schemas['DryerCommand'];
}

/** The device types with a typed status and command. */
export type TypedDeviceType = keyof ApplianceCommands;

/** Any command body `POST /v1/appliances/{deviceId}/commands` takes. */
export type ApplianceCommand = NonNullable<
  paths['/v1/appliances/{deviceId}/commands']['post']['requestBody']
>['content']['application/json'];

/**
 * A command typed for a device type: `const c: ApplianceCommandFor<'DEVICE_AIR_CONDITIONER'> =
 * {airConJobMode: {currentJobMode: 'COOL'}}`, or `ApplianceCommandFor<typeof status.deviceType>`
 * after narrowing a status. Another type's command is any partial status. The device's own profile
 * is still the judge at run time (400 `INVALID_COMMAND`).
 */
export type ApplianceCommandFor<T extends ApplianceDeviceType> = T extends TypedDeviceType
  ? ApplianceCommands[T]
  : ApplianceCommand;
