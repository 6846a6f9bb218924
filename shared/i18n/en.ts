/**
 * English messages. This object defines the message keys; zh-CN.ts must
 * provide every one of them (the type checker enforces it).
 * `{name}` placeholders are filled by `translate`.
 */
export const en = {
  'app.title': 'Watchpost',
  'app.loading': 'Starting the console…',
  'app.loadFailed': 'The console could not start: {message}',
  'station.desk': 'Duty desk',
  'station.wall': 'Monitoring wall',
  'station.replay': 'Drill replay',
  'nav.desk': 'Desk',
  'nav.wall': 'Wall',
  'nav.replay': 'Replay',
  'lang.label': 'Language',
  'lang.switchTo': '中文',
  'conn.connected': 'Connected',
  'conn.connecting': 'Connecting…',
  'conn.offline': 'Core unreachable since {time}',
  'site.floor': 'Floor',
  'site.floors': 'Floors',
  'site.cameras': 'Cameras',
  'site.zones': 'Zones',
  'site.scale': '{metres} m',
  'site.demo': 'Demo site',
  'camera.noSignal': 'NO SIGNAL',
  'camera.connecting': 'Connecting…',
  'camera.reason.sourceDown': 'Source unavailable: {detail}',
  'camera.reason.stalled': 'No new frames for {seconds} s',
  'camera.reason.network': 'Network error: {detail}',
  'camera.reason.media': 'Decoder error: {detail}',
  'camera.reason.clip': 'Demo clip unusable: {detail}',
  'camera.reason.unsupported': 'Stream type not supported here: {detail}',
  'camera.retryIn': 'Retrying in {seconds} s',
  'camera.live': 'LIVE',
  'camera.stream.main': 'Main',
  'camera.stream.sub': 'Sub',
  'replay.title': 'Drill replay',
  'replay.noJournal': 'No recorded journal is open.',
  'replay.hint': 'Replay opens a recorded duty journal or drill bundle and plays it back on a timeline, with no network.',
  'error.title': 'Error',
  'clock.label': 'Local time',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
