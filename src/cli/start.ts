import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'start' command.
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin start: not implemented yet');
      process.exitCode = 2;
    });
}
