export type SessionStatus = 'WAIT' | 'ON_GOING';

export interface InterwaterSession {
  status: SessionStatus;
  /** Participants in the room right now. */
  user: number;
  roomName: string;
}

export interface UsageRow {
  roomName: string;
  sessionTimeSecond: number;
  /** ISO 8601 with milliseconds and `Z`, as the seed shows. */
  createdAt: string;
}

export interface InterwaterLicense {
  domain: string;
  roomLimit: number;
  enabled: 0 | 1;
  createdAt: string;
}

/** The license the demo keys belong to (its domain also goes into every JWT). */
export function demoLicense(): InterwaterLicense {
  return {
    domain: 'https://readme.interwater.biz',
    roomLimit: 10,
    enabled: 1,
    createdAt: '2020-12-22T15:00:00.000Z',
  };
}

/** The license id the seed's JWT carries (`"id": "3"`). */
export const DEMO_LICENSE_ID = '3';

export function demoSessions(): InterwaterSession[] {
  return [
    { status: 'WAIT', user: 1, roomName: 'gfds' },
    { status: 'ON_GOING', user: 2, roomName: 'gsdagd' },
    { status: 'ON_GOING', user: 4, roomName: 'weekly-sync' },
    { status: 'WAIT', user: 0, roomName: 'support-desk' },
  ];
}

/** The seed page's `/v1/static` rows (2021-02-21 .. 2021-02-22, total 49951 s). */
export const SEED_USAGE_ROWS: readonly UsageRow[] = [
  { roomName: 'gsdagd', sessionTimeSecond: 42936, createdAt: '2021-02-22T12:39:26.000Z' },
  { roomName: 'test', sessionTimeSecond: 1481, createdAt: '2021-02-22T04:45:20.000Z' },
  { roomName: 'test', sessionTimeSecond: 4924, createdAt: '2021-02-22T00:12:58.000Z' },
  { roomName: '12312', sessionTimeSecond: 610, createdAt: '2021-02-21T02:34:52.000Z' },
];

const HISTORY_ROOMS = ['gsdagd', 'test', 'weekly-sync', '12312', 'gfds', 'support-desk'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The seed rows plus a deterministic history over the 120 days before `now`: one session on
 * most days (every day whose index is not a multiple of 4), at 01:00-10:00 UTC, 5-125 minutes
 * long. Newest first, as the seed lists them.
 */
export function demoUsage(now: number): UsageRow[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const rows: UsageRow[] = [...SEED_USAGE_ROWS.map((row) => ({ ...row }))];
  for (let day = 1; day <= 120; day += 1) {
    if (day % 4 === 0) continue;
    const start = today - day * DAY_MS + ((day * 7) % 10) * 60 * 60 * 1000 + (day % 60) * 60_000;
    rows.push({
      roomName: HISTORY_ROOMS[day % HISTORY_ROOMS.length],
      sessionTimeSecond: 300 + ((day * 1237) % 7200),
      createdAt: new Date(start).toISOString(),
    });
  }
  return sortNewestFirst(rows);
}

export function sortNewestFirst(rows: UsageRow[]): UsageRow[] {
  return rows.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}
