/**
 * Compiled by `npm run lint` (tsc over the repository), never run: narrowing a status on
 * `deviceType` gives that type's resources and no other type's; a typed command takes only what
 * the type's profile writes.
 */
import type {
  ApplianceCommandFor,
  ApplianceDeviceType,
  ApplianceStatus,
  ApplianceStatusOf,
  TypedDeviceType,
} from '../src/junction';

export function describe(status: ApplianceStatus): string | undefined {
  switch (status.deviceType) {
    case 'DEVICE_AIR_CONDITIONER': {
      // Reported values stay open (a device may report one its profile does not list).
      const mode: string | undefined = status.airConJobMode?.currentJobMode;
      // @ts-expect-error runState is a washer's resource, not an air conditioner's
      void status.runState.currentState;
      return mode;
    }
    case 'DEVICE_WASHER':
    case 'DEVICE_WASHTOWER_WASHER': {
      // @ts-expect-error airConJobMode is an air conditioner's resource, not a washer's
      void status.airConJobMode.currentJobMode;
      return status.runState?.currentState;
    }
    case 'DEVICE_REFRIGERATOR':
      return status.temperature?.find((entry) => entry.locationName === 'FREEZER')?.unit;
    default:
      return status.deviceType;
  }
}

export function fridge(status: ApplianceStatusOf<'DEVICE_REFRIGERATOR'>): boolean | undefined {
  return status.refrigeration?.expressMode;
}

export const cool: ApplianceCommandFor<'DEVICE_AIR_CONDITIONER'> = {
  airConJobMode: { currentJobMode: 'COOL' },
  temperature: { targetTemperature: 22.5 },
};

export const heat: ApplianceCommandFor<'DEVICE_AIR_CONDITIONER'> = {
  // @ts-expect-error the air conditioner's profile writes no HEAT
  airConJobMode: { currentJobMode: 'HEAT' },
};

export const freezer: ApplianceCommandFor<'DEVICE_REFRIGERATOR'> = {
  temperature: { locationName: 'FREEZER', targetTemperature: -20 },
};

export const washerWind: ApplianceCommandFor<'DEVICE_WASHER'> = {
  // @ts-expect-error a washer has no airFlow to write
  airFlow: { windStrength: 'LOW' },
};

/** Every typed device type is a status `deviceType`, and the other way round. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const typedAreStatusTypes: Same<
  TypedDeviceType,
  Exclude<ApplianceDeviceType, ApplianceStatusOf<'DEVICE_ROBOT_CLEANER'>['deviceType']>
> = true;
