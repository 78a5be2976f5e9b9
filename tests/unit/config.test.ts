import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { ZhiyinError } from '../../src/core/errors';

describe('loadConfig', () => {
  it('gives the embedded default with no environment', () => {
    const c = loadConfig({}, '/srv/zhiyin');
    expect(c.corpusDirs).toEqual([path.resolve('/srv/zhiyin/corpus')]);
    expect(c.indexDir).toBe(path.resolve('/srv/zhiyin/data/index'));
    expect(c.llm).toBeUndefined();
    expect(c.lark).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
  });

  it('enables LLM mode only with all three LLM variables', () => {
    const c = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_API_KEY: 'k', LLM_MODEL: 'm' }, '/x');
    expect(c.llm).toMatchObject({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 30000 });
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:9/v1' }, '/x')).toThrow(ZhiyinError);
  });

  it('splits several corpus directories', () => {
    const c = loadConfig({ ZHIYIN_CORPUS: `a${path.delimiter}b` }, '/x');
    expect(c.corpusDirs).toEqual([path.resolve('/x/a'), path.resolve('/x/b')]);
  });

  it('rejects invalid values with an operator message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' }, '/x')).toThrow(/PORT/);
    expect(() => loadConfig({ LARK_MODE: 'pull' }, '/x')).toThrow(/LARK_MODE/);
    expect(() => loadConfig({ HOST: '0.0.0.0' }, '/x')).toThrow(/ZHIYIN_ACCESS_TOKEN/);
    expect(() => loadConfig({ LARK_APP_ID: 'cli_x' }, '/x')).toThrow(/LARK_APP_SECRET/);
  });
});
