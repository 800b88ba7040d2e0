import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  NueyneHttpError,
  formatNaive,
  optional,
  pathInt,
  pathString,
  required,
  validateBody,
  validateQuery,
} from './fastapi';
import { unauthorized, type NueyneContext } from './nueyne.auth';
import { nextId, type LegacyDevice, type LegacyUser } from './nueyne.state';

const DEVICE = '/api/v1/legacy/device';

const error = (status: number, detail: string) => new NueyneHttpError(status, detail);

const devlogBody = {
  user_id: required('int'),
  model_id: required('int'),
  device_id: required('int'),
  fversion: required('float'),
  logdate: required('datetime'),
  mode: required('int'),
  finish_flag: required('int'),
  last_intensity: required('float'),
  treatment_time: required('int'),
  event_num: required('int'),
  log_data: required('str'),
};

const tempLogBody = {
  user_id: required('int'),
  model_id: required('int'),
  device_id: required('int'),
  unique_id: required('str'),
  finish_flag: required('int'),
  start_date: required('datetime'),
  // Typed `datetime | str` upstream: the start of a session sends "" and it is echoed as sent.
  last_date: required('str'),
};

/** The Elexir Legacy device routes of the seed page `000` (기기). */
export function registerLegacyRoutes(app: FastifyInstance, ctx: NueyneContext): void {
  /** Legacy's `get_current_user` rejects a token whose user is gone, like a bad token. */
  const currentUser = (request: FastifyRequest): LegacyUser => {
    const principal = ctx.tokens.authenticate(request, 'legacy');
    const user = ctx.state.legacy.users.find((candidate) => candidate.id === principal.userId);
    if (!user) throw unauthorized('Could not validate credentials');
    return user;
  };
  const byUniqueId = (uniqueId: string): LegacyDevice | undefined =>
    ctx.state.legacy.devices.find((device) => device.unique_id === uniqueId.toUpperCase());
  const modelOf = (device: LegacyDevice) =>
    ctx.state.legacy.models.find((model) => model.id === device.model_id);
  /** A device whose rows can be written: it exists and its model row does too. */
  const writableDevice = (deviceId: number): boolean => {
    const device = ctx.state.legacy.devices.find((candidate) => candidate.id === deviceId);
    return device !== undefined && modelOf(device) !== undefined;
  };

  app.get(`${DEVICE}/my-devices`, (request) => {
    const user = currentUser(request);
    return ctx.state.legacy.devices
      .filter((device) => device.user_id === user.id)
      .map((device) => {
        const model = modelOf(device);
        if (!model) throw error(500, 'Internal Server Error');
        return {
          id: device.id,
          serialcode: device.serial_code,
          user_id: device.user_id,
          model_id: device.model_id,
          mac_id: device.mac_id,
          unique_id: device.unique_id,
          modelname: model.modelname,
          regdate: device.regdate,
        };
      });
  });

  app.get(`${DEVICE}/check-device`, (request) => {
    const user = currentUser(request);
    const query = validateQuery(request, { unique_id: required('str') });
    const device = byUniqueId(query.unique_id);
    if (!device) throw error(404, 'Not Found Device');
    if (device.serial_code === null) throw error(400, 'This device is not registered');
    if (!modelOf(device)) throw error(400, 'Device Connection Failed');
    if (device.user_id !== null && device.user_id !== user.id) {
      throw error(409, 'Already Connected Device');
    }
    return {
      serial_code: device.serial_code,
      user_id: device.user_id,
      mac_id: device.mac_id,
      model_id: device.model_id,
      unique_id: device.unique_id,
      id: device.id,
      regdate: device.regdate,
    };
  });

  app.post(`${DEVICE}/set-my-device`, (request) => {
    const user = currentUser(request);
    const query = validateQuery(request, {
      serial_code: required('str'),
      mac_id: optional('str'),
      unique_id: required('str'),
    });
    const device = byUniqueId(query.unique_id);
    if (!device) throw error(404, 'Not Found Device');
    if (device.serial_code === null || device.serial_code !== query.serial_code) {
      throw error(404, 'Serial code is not valid');
    }
    if (device.user_id !== null && device.user_id !== user.id) {
      throw error(409, 'Already Connected Device');
    }
    if (!modelOf(device)) throw error(400, 'Device Connection Failed');
    device.user_id = user.id;
    if (query.mac_id) device.mac_id = query.mac_id;
    return { statuscode: 200, message: 'device connected' };
  });

  app.patch(`${DEVICE}/un-connect`, (request) => {
    const user = currentUser(request);
    const query = validateQuery(request, { unique_id: required('str') });
    const device = byUniqueId(query.unique_id);
    if (!device || device.user_id !== user.id) throw error(404, 'Not Found Device');
    if (!modelOf(device)) throw error(400, 'Device unconnect failed');
    device.user_id = null;
    return { statusCode: 200, message: 'device unconnected' };
  });

  app.post(`${DEVICE}/devlog`, (request) => {
    const user = currentUser(request);
    const body = validateBody(request.body, devlogBody);
    // The insert fails on a device id with no (readable) device row.
    if (!writableDevice(body.device_id)) throw error(500, 'Internal server error');
    const now = formatNaive(ctx.now());
    const { logdate, ...fields } = body;
    ctx.state.legacy.devlogs.push({
      id: nextId(ctx.state.legacy.devlogs),
      owner_id: user.id,
      ...fields,
      logdate: logdate.naive,
      regdate: now,
    });
    return {
      user_id: body.user_id,
      model_id: body.model_id,
      device_id: body.device_id,
      fversion: body.fversion,
      logdate: logdate.json,
      mode: body.mode,
      finish_flag: body.finish_flag,
      last_intensity: body.last_intensity,
      treatment_time: body.treatment_time,
      event_num: body.event_num,
      log_data: body.log_data,
    };
  });

  app.post('/api/v1/elexir/device/devlog/temp', (request) => {
    const user = currentUser(request);
    const body = validateBody(request.body, tempLogBody);
    if (!writableDevice(body.device_id)) throw error(500, 'Internal server error');
    const now = formatNaive(ctx.now());
    const startDate = body.start_date.json;
    const open = ctx.state.legacy.tempLogs.find(
      (log) =>
        log.device_id === body.device_id &&
        log.start_date === startDate &&
        log.owner_id === user.id,
    );
    const fields = {
      user_id: body.user_id,
      model_id: body.model_id,
      device_id: body.device_id,
      unique_id: body.unique_id,
      finish_flag: body.finish_flag,
      start_date: startDate,
      last_date: body.last_date,
    };
    if (open) Object.assign(open, fields, { updated: now });
    else {
      ctx.state.legacy.tempLogs.push({
        id: nextId(ctx.state.legacy.tempLogs),
        owner_id: user.id,
        ...fields,
        regdate: now,
        updated: now,
      });
    }
    return fields;
  });

  app.get(`${DEVICE}/devlog/lasttime/:device_id`, (request, reply) => {
    currentUser(request);
    const deviceId = pathInt(request, 'device_id');
    const latest = ctx.state.legacy.devlogs
      .filter((log) => log.device_id === deviceId)
      .reduce<string | null>(
        (max, log) => (max === null || log.logdate > max ? log.logdate : max),
        null,
      );
    if (latest === null) throw error(404, 'No Content');
    return reply.type('application/json').send(JSON.stringify(latest.replace('T', ' ')));
  });

  app.get(`${DEVICE}/my-devlog/:year_month`, (request) => {
    const user = currentUser(request);
    const yearMonth = pathString(request, 'year_month');
    const hasUnreadableDevice = ctx.state.legacy.devices.some(
      (device) => device.user_id === user.id && !modelOf(device),
    );
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(yearMonth) || hasUnreadableDevice) {
      throw error(400, 'Read Device Log Failed');
    }
    return ctx.state.legacy.devlogs
      .filter((log) => log.owner_id === user.id && log.logdate.startsWith(`${yearMonth}-`))
      .sort((a, b) => b.logdate.localeCompare(a.logdate) || b.id - a.id)
      .map((log) => ({
        user_id: log.user_id,
        model_id: log.model_id,
        device_id: log.device_id,
        fversion: log.fversion,
        logdate: log.logdate,
        mode: log.mode,
        finish_flag: log.finish_flag,
        last_intensity: log.last_intensity,
        treatment_time: log.treatment_time,
        event_num: log.event_num,
        log_data: log.log_data,
        id: log.id,
        regdate: log.regdate,
      }));
  });
}
