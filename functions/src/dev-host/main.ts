import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalHost } from './local-host';

/** `Values` of local.settings.json, as `func start` would apply them; the process environment wins. */
function localSettings(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Values?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(parsed.Values ?? {}).map(([name, value]) => [name, String(value)]));
}

async function main(): Promise<void> {
  const settingsFile = path.resolve(process.env.SAMLA_LOCAL_SETTINGS ?? 'local.settings.json');
  const fromFile = localSettings(settingsFile);
  const env = Object.fromEntries(Object.entries(fromFile).filter(([name]) => process.env[name] === undefined));
  const port = Number(process.env.SAMLA_API_PORT ?? 7071);
  const host = await startLocalHost({ host: process.env.SAMLA_API_HOST ?? '127.0.0.1', port, env });
  console.log(`Samla functions (local development host) listening on ${host.url}`);
  const stop = () => {
    void host.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
