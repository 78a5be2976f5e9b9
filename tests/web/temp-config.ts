// The config every web test starts from: corpus/index/state under one temp dir, plus test-specific settings.
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';

export function tempWebConfig(tmp: string, corpus: string, extra: Record<string, string> = {}): Config {
  return loadConfig(
    {
      ZHIYIN_CORPUS: corpus,
      ZHIYIN_INDEX: path.join(tmp, 'index'),
      ZHIYIN_STATE: path.join(tmp, 'state'),
      LOG_LEVEL: 'error',
      ...extra,
    },
    tmp,
  );
}
