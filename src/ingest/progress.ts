// A one-line progress bar for terminals (stderr only, so --json output on stdout stays clean).

export interface ProgressBar {
  update(done: number, total: number, label: string): void;
  done(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total, label) {
      const now = Date.now();
      // Redrawing on every file would cost more than ingesting a small Markdown file.
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const cols = stream.columns ?? 100;
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} `;
      const room = Math.max(0, cols - bar.length - 1);
      const name = [...label].length > room ? '…' + [...label].slice(-(room - 1)).join('') : label;
      stream.write(`\r\x1b[2K${bar}${name}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
