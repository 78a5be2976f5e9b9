import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'bench' command.
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin bench: not implemented yet');
      process.exitCode = 2;
    });
}
