import cluster from 'node:cluster';
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { redact, redactString } from './redact';

/** What every line of the process carries, whichever logger writes it. */
function lineFormat(level: string): pino.LoggerOptions {
  return {
    level,
    // Under GATEWAY_WORKERS > 1 every line says which worker wrote it.
    base: cluster.isWorker ? { worker: cluster.worker?.id } : undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** Standard output, written asynchronously in batches (pino's default), for every logger to share. */
export function stdoutDestination(): DestinationStream {
  return pino.destination(1);
}

/** The process logger: JSON lines, secrets masked in every object and message. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const format = lineFormat(level);
  return pino(
    {
      ...format,
      formatters: {
        ...format.formatters,
        log: (object) => redact(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactString(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Nest's LoggerService on top of pino, so framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, this.text(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string): void {
    // Cheap when the level is off (upstream calls log at debug on every attempt).
    if (!this.logger.isLevelEnabled(level)) return;
    if (typeof message === 'object' && message !== null)
      this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, this.text(message));
  }

  private text(message: unknown): string {
    return typeof message === 'string' ? message : String(message);
  }
}
