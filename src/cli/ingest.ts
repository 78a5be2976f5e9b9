import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'ingest' command.
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin ingest: not implemented yet');
      process.exitCode = 2;
    });
}
