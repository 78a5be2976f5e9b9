import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'eval' command.
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin eval: not implemented yet');
      process.exitCode = 2;
    });
}
