import type { Command } from 'commander';

// Placeholder: implemented by the issue that owns the 'chat' command.
export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('(not implemented yet)')
    .action(() => {
      console.error('zhiyin chat: not implemented yet');
      process.exitCode = 2;
    });
}
