import { systemClock } from './clock';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Log;
}

export interface LogRecord {
  readonly time: string;
  readonly level: LogLevel;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** A structured logger writing one JSON object per record to `sink`. */
export function createLog(options: {
  level?: LogLevel;
  sink?: (record: LogRecord) => void;
  now?: () => number;
  fields?: LogFields;
}): Log {
  const minimum = order[options.level ?? 'info'];
  const sink = options.sink ?? ((record) => process.stderr.write(`${JSON.stringify(record)}\n`));
  const now = options.now ?? systemClock.now;
  const base = options.fields ?? {};
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (order[level] < minimum) return;
    sink({ ...base, ...fields, time: new Date(now()).toISOString(), level, message });
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLog({ ...options, fields: { ...base, ...fields } }),
  };
}

/** For tests: a logger that keeps its records in memory. */
export function createMemoryLog(): Log & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  return Object.assign(createLog({ level: 'debug', sink: (r) => records.push(r) }), { records });
}
