// Routes the SDK's own log lines into the operator log. The SDK logs whole axios errors (whose config carries
// app_secret and bearer tokens), so everything passes through the logger's redaction and error reduction.
import * as lark from '@larksuiteoapi/node-sdk';
import type { LogLevel, OperatorLogger } from '../chat/log';

export function sdkLevel(level: LogLevel = 'info'): lark.LoggerLevel {
  // SDK info lines ("client ready", "event-dispatch is ready") are noise for operators: start at warn.
  return level === 'debug'
    ? lark.LoggerLevel.debug
    : level === 'error'
      ? lark.LoggerLevel.error
      : lark.LoggerLevel.warn;
}

export function createSdkLogger(log: OperatorLogger) {
  const fmt = (args: unknown[]) => ({ sdk: args.length === 1 ? args[0] : args });
  return {
    error: (...args: unknown[]) => log.error('lark.sdk', fmt(args)),
    warn: (...args: unknown[]) => log.warn('lark.sdk', fmt(args)),
    info: (...args: unknown[]) => log.info('lark.sdk', fmt(args)),
    debug: (...args: unknown[]) => log.debug('lark.sdk', fmt(args)),
    trace: (...args: unknown[]) => log.debug('lark.sdk', fmt(args)),
  };
}
