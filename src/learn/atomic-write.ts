// Writing the exported learn file: a learn file cut short would silently teach less, so it is replaced in one step
// (replaceFile), and a failure becomes an operator error naming the file.
import { ZhiyinError } from '../core/errors';
import { replaceFile } from '../store/replace-file';

export function writeFileAtomic(file: string, content: string): void {
  try {
    replaceFile(file, content);
  } catch (cause) {
    throw new ZhiyinError('E_CONFIG', `Cannot write ${file}`, { cause });
  }
}
