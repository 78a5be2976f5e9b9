// One call for `npm start` without Lark credentials: open the real dependencies, start the server, and tell
// the operator where it is and which corpus it serves.
import type { Config } from '../config';
import { openWebDeps, type OpenWebOptions } from './open';
import { startWebServer, type WebServer } from './server';

export async function startWebApp(
  config: Config,
  options: OpenWebOptions & { log?: (line: string) => void } = {},
): Promise<WebServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const web = await openWebDeps(config, options);
  let server: WebServer;
  try {
    server = await startWebServer(web, { host: config.host, port: config.port, accessToken: config.accessToken });
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
