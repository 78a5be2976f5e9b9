// The one place that decides what a user sees when something fails: a short Chinese sentence per error code.
// Stack traces and internal messages go to the operator log only.
import type { ErrorCode } from '../core/errors';
import { isZhiyinError } from '../core/errors';

const USER_TEXT: Partial<Record<ErrorCode, string>> = {
  E_EMPTY_QUESTION: '请输入您的问题，例如：“招标文件发出之日起至投标截止最短多少天？” 发送 /help 查看用法。',
  E_MESSAGE_TOO_LONG: '问题太长了，请精简到 {max} 字以内后再问。',
  E_UNKNOWN_COMMAND: '没有这个命令。发送 /help 查看可用命令。',
  E_INDEX_MISSING: '知识库尚未建立索引，请联系管理员运行 zhiyin ingest。',
  E_INDEX_CORRUPT: '知识库索引已损坏，请联系管理员重新运行 zhiyin ingest。',
  E_LLM_UNAVAILABLE: '大模型服务暂时不可用，请稍后再试。',
  E_LLM_TIMEOUT: '大模型响应超时，请稍后再试。',
  E_LLM_BAD_RESPONSE: '大模型返回了无法使用的结果，请稍后再试。',
  E_EMBEDDING_UNAVAILABLE: '检索服务暂时不可用，请稍后再试。',
  E_EMBEDDING_DIMENSION: '检索索引与向量模型不匹配，请联系管理员重新建立索引。',
  E_RATE_LIMITED: '请求太频繁，请稍后再试。',
  E_LARK_API: '飞书接口暂时不可用，请稍后再试。',
  E_FORBIDDEN: '您没有权限执行此操作。',
  E_BAD_REQUEST: '请求无效，请检查后重试。',
  E_CONFIG: '服务配置有误，请联系管理员。',
};

export const GENERIC_USER_ERROR = '抱歉，处理您的问题时出现了内部错误，请稍后再试。如果问题持续，请联系管理员。';

/** Chinese text for the user; `vars` fills {placeholders} such as {max}. */
export const TIMEOUT_USER_ERROR = '回答超时了，请稍后再试，或把问题问得更具体一些。';

export function userMessageFor(e: unknown, vars: Record<string, string | number> = {}): string {
  // An aborted or timed-out answer (AbortSignal.timeout) is not an internal fault from the user's point of view.
  const aborted = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
  const text = isZhiyinError(e)
    ? (e.userMessage ?? USER_TEXT[e.code] ?? GENERIC_USER_ERROR)
    : aborted
      ? TIMEOUT_USER_ERROR
      : GENERIC_USER_ERROR;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function errorCodeOf(e: unknown): ErrorCode {
  return isZhiyinError(e) ? e.code : 'E_INTERNAL';
}
