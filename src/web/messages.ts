// Chinese text the web UI shows for each error code when the thrower gave no userMessage.
import type { ErrorCode } from '../core/errors';

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  E_CORRUPT_FILE: '文件已损坏，无法读取。请检查文件后重新上传。',
  E_NO_TEXT_LAYER: '该 PDF 没有文字层（可能是扫描件），无法提取文字。请上传带文字的 PDF 或 Word 文件。',
  E_EMPTY_FILE: '文件是空的，没有可索引的内容。',
  E_UNSUPPORTED_FORMAT: '不支持的文件类型：仅支持 PDF、DOCX、MD、TXT。',
  E_UNREADABLE: '无法读取该文件。',
  E_ENCODING: '无法识别文件的文字编码，请另存为 UTF-8 后重新上传。',
  E_TOO_LARGE: '文件太大，超过了上传上限。',
  E_CONFIG: '服务配置有误，请联系管理员。',
  E_INDEX_MISSING: '知识库索引尚未建立，请先在控制台导入文档（或运行 zhiyin ingest）。',
  E_INDEX_CORRUPT: '知识库索引已损坏，请重新运行 zhiyin ingest。',
  E_LLM_UNAVAILABLE: '大模型服务暂不可用，请稍后再试。',
  E_LLM_TIMEOUT: '大模型响应超时，请稍后再试。',
  E_LLM_BAD_RESPONSE: '大模型返回了无法解析的结果，请稍后再试。',
  E_RATE_LIMITED: '请求过于频繁，请稍后再试。',
  E_EMPTY_QUESTION: '请输入问题。',
  E_MESSAGE_TOO_LONG: '问题太长了，请精简后再发送。',
  E_UNKNOWN_COMMAND: '未知命令，发送 /help 查看用法。',
  E_BAD_REQUEST: '请求格式不正确。',
  E_FORBIDDEN: '没有访问权限：请使用正确的访问令牌打开本页面。',
  E_INTERNAL: '服务器内部错误，请稍后再试。',
};

export function userMessageFor(code: ErrorCode | string): string {
  return MESSAGES[code as ErrorCode] ?? '操作失败，请稍后再试。';
}

/**
 * What staff see for a file that failed to import (upload reply, console status list): a Chinese sentence
 * ending with the error code, e.g. 「文件已损坏，无法读取。请检查文件后重新上传。（E_CORRUPT_FILE）」. A Chinese
 * message given where the error was raised is kept; library/operator text (English, such as "Can't find end of
 * central directory") is never shown — it stays in the operator log and the CLI output.
 */
export function ingestErrorMessage(code: string, message?: string): string {
  const own = message && /[\u4e00-\u9fff]/.test(message) ? message : undefined;
  const text = own ?? MESSAGES[code as ErrorCode] ?? '文件导入失败，请检查文件后重新上传。';
  return text.includes(code) ? text : `${text}（${code}）`;
}
