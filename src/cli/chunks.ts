import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'chunks' command.
export function registerChunks(program: Command): void {
  program
    .command('chunks')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin chunks: not implemented yet');
      process.exitCode = 2;
    });
}
