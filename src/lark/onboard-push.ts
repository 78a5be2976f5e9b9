// The daily onboarding push over Lark: a proactive message (im.v1.message.create to the user's open_id) with
// the lesson card, through the official SDK client, retried like every other call. The uuid is derived from the
// (user, day) key, so even a retried request is delivered once by the platform.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { OperatorLogger } from '../chat/log';
import type { Config } from '../config';
import { ZhiyinError } from '../core/errors';
import { startDailyPush, type PushSender } from '../onboard/push';
import type { Onboarding } from '../onboard/service';
import { createLarkClient } from './api';
import { renderView } from '../onboard/render';
import { onboardViewCard } from './onboard-cards';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { uuidFor } from './send';

export function createLarkPushSender(
  client: lark.Client,
  logger: OperatorLogger,
  retry: Partial<RetryPolicy> = {},
): PushSender {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...retry };
  return async (openId, view, key) => {
    const card = onboardViewCard(view, `今日入职学习\n\n${renderView(view)}`);
    await withRetry(
      'im.message.create',
      () =>
        client.im.v1.message.create({
          params: { receive_id_type: 'open_id' },
          data: { receive_id: openId, msg_type: 'interactive', content: JSON.stringify(card), uuid: uuidFor(key) },
        }),
      policy,
      () => {},
      (info) => logger.warn('lark.retry', { call: info.name, attempt: info.attempt, status: info.failure.status }),
    );
  };
}

/** Start the daily push for the Lark bot (config.onboard time and zone); stop() before closing the chat. */
export function startLarkOnboardPush(
  config: Config,
  onboarding: Onboarding,
  logger: OperatorLogger,
  options: { retry?: Partial<RetryPolicy>; everyMs?: number; now?: () => Date } = {},
): { stop(): Promise<void> } {
  const larkConfig = config.lark;
  if (!larkConfig) throw new ZhiyinError('E_CONFIG', 'the onboarding push needs LARK_APP_ID and LARK_APP_SECRET');
  const { client } = createLarkClient({
    appId: larkConfig.appId,
    appSecret: larkConfig.appSecret,
    domain: larkConfig.domain,
    logger,
    logLevel: config.logLevel,
    retry: options.retry,
  });
  return startDailyPush(
    {
      onboarding,
      send: createLarkPushSender(client, logger, options.retry),
      time: config.onboard.pushTime,
      timeZone: config.onboard.timeZone,
      now: options.now,
      logger,
    },
    options.everyMs,
  );
}
