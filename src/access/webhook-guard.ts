// Webhook mode without LARK_ENCRYPT_KEY and LARK_VERIFICATION_TOKEN accepts events nobody signed: anyone who can
// reach the port could ask as any user (and so as anyone on a restricted document's allow list). Refuse to
// start unless the operator explicitly opted in (issue 16, point 3).
import type { Config } from '../config';
import { ZhiyinError } from '../core/errors';

/** Throws E_CONFIG when `config.lark` is an unsecured webhook without LARK_ALLOW_INSECURE_WEBHOOK=1. */
export function assertWebhookSecured(config: Pick<Config, 'lark'>): void {
  const l = config.lark;
  if (!l || l.mode !== 'webhook' || l.encryptKey || l.verificationToken || l.allowInsecureWebhook) return;
  throw new ZhiyinError(
    'E_CONFIG',
    'LARK_MODE=webhook needs LARK_ENCRYPT_KEY or LARK_VERIFICATION_TOKEN; set LARK_ALLOW_INSECURE_WEBHOOK=1 to accept unsigned events',
    {
      userMessage:
        'Webhook 模式必须设置 LARK_ENCRYPT_KEY 或 LARK_VERIFICATION_TOKEN；确需接收未签名事件（仅限测试）请设置 LARK_ALLOW_INSECURE_WEBHOOK=1。',
    },
  );
}
