import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'search' command.
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin search: not implemented yet');
      process.exitCode = 2;
    });
}
