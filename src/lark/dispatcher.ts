// One EventDispatcher for both receivers: the WSClient hands it decoded frames, the webhook hands it verified
// HTTP bodies. Handlers return fast (the message handler only queues work), so the platform gets its ack in time.
import * as lark from '@larksuiteoapi/node-sdk';
import type { LogLevel, OperatorLogger } from '../chat/log';
import type { CardActionResponse } from './card-actions';
import { createSdkLogger, sdkLevel } from './sdk-logger';

export interface DispatcherHandlers {
  message: (data: unknown) => Promise<void>;
  cardAction: (data: unknown) => Promise<CardActionResponse>;
}

export function createLarkDispatcher(
  opts: { encryptKey?: string; verificationToken?: string; logger: OperatorLogger; logLevel?: LogLevel },
  handlers: DispatcherHandlers,
): lark.EventDispatcher {
  const dispatcher = new lark.EventDispatcher({
    encryptKey: opts.encryptKey,
    verificationToken: opts.verificationToken,
    logger: createSdkLogger(opts.logger),
    loggerLevel: sdkLevel(opts.logLevel),
  });
  return dispatcher.register<{ 'card.action.trigger': (data: unknown) => Promise<CardActionResponse> }>({
    'im.message.receive_v1': (data) => handlers.message(data),
    'card.action.trigger': (data) => handlers.cardAction(data),
  });
}
