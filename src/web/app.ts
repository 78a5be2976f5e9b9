// One call for `npm start` without Lark credentials: open the real dependencies, start the server, and tell
// the operator where it is and which corpus it serves.
import type { Config } from '../config';
import { runIngest } from '../ingest/run';
import { openWebDeps, type OpenWebOptions } from './open';
import { startWebServer, type WebServer } from './server';
import { UserDirectory } from '../access/users';

export interface StartWebAppOptions extends OpenWebOptions {
  /**
   * Bring the index up to date with the corpus before serving (incremental: a no-op run only hashes files), so
   * a fresh clone's `npm start` answers from the sample corpus straight away.
   */
  ingest?: boolean;
  log?: (line: string) => void;
}

export async function startWebApp(config: Config, options: StartWebAppOptions = {}): Promise<WebServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.ingest) {
    const s = await runIngest({ corpusDirs: config.corpusDirs, indexDir: config.indexDir });
    const failed = s.errors.length > 0 ? `, ${s.errors.length} file(s) failed (see the console page)` : '';
    log(
      `ingest: ${s.documents} documents, ${s.chunks} chunks, ${s.unchanged} unchanged${failed} (${Math.round(s.ms)} ms)`,
    );
  }
  const web = await openWebDeps(config, options);
  let server: WebServer;
  try {
    server = await startWebServer(web, {
      host: config.host,
      port: config.port,
      accessToken: config.accessToken,
      users: UserDirectory.load(config.usersFile),
    });
  } catch (e) {
    web.close();
    throw e;
  }
  // Loopback servers are opened as http://127.0.0.1; 0.0.0.0 is not a browsable address.
  const url = server.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');
  log(`指引 web chat: ${url}  (console: ${url}console)`);
  log(`corpus: ${config.corpusDirs.join(', ')}  index: ${config.indexDir}  documents: ${web.documentCount()}`);
  if (web.documentCount() === 0) log('the index is empty: run `npx zhiyin ingest` or upload documents in the console');
  if (config.accessToken) log('access token required: open the URL with ?token=<ZHIYIN_ACCESS_TOKEN> once');
  return {
    url,
    stop: async () => {
      await server.stop();
      web.close();
    },
  };
}
