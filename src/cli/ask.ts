import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'ask' command.
export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin ask: not implemented yet');
      process.exitCode = 2;
    });
}
