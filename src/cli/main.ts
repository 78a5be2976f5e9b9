// CLI entry: each sub-command lives in its own file and registers itself on the program.
import { Command, CommanderError } from 'commander';
import { isZhiyinError } from '../core/errors';
import { registerIngest } from './ingest';
import { registerChunks } from './chunks';
import { registerSearch } from './search';
import { registerAsk } from './ask';
import { registerChat } from './chat';
import { registerEval } from './eval';
import { registerBench } from './bench';
import { registerStart } from './start';
import { registerLearn } from './learn';
import { registerOnboard } from './onboard';
import { registerQuiz } from './quiz';
import { registerAudit } from './audit';
import { registerDraft } from './draft';
import { registerCheck } from './check';
import { registerDraftEval } from './draft-eval';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('zhiyin')
    .description('指引 zhiyin — cited answers from the bureau knowledge base')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerIngest,
    registerChunks,
    registerSearch,
    registerAsk,
    registerChat,
    registerEval,
    registerBench,
    registerStart,
    registerLearn,
    registerOnboard,
    registerQuiz,
    registerAudit,
    registerDraft,
    registerCheck,
    registerDraftEval,
  ]) {
    register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    if (isZhiyinError(e)) {
      console.error(`error ${e.code}: ${e.message}`);
      process.exitCode = 1;
      return;
    }
    console.error(e);
    process.exitCode = 1;
  }
}
