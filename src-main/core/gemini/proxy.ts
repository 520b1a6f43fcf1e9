// The proxy settings people set in the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, either case), read once
// from the environment main was started with, for undici's EnvHttpProxyAgent. Loopback is never proxied: http is
// allowed only there (base-url.ts), and a proxy would otherwise see the key in the clear.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

export function proxyFromEnv(env: Record<string, string | undefined>): ProxySettings | undefined {
  const pick = (name: string) => (env[name] ?? env[name.toLowerCase()] ?? '').trim() || undefined;
  const httpsProxy = pick('HTTPS_PROXY');
  const httpProxy = pick('HTTP_PROXY');
  if (!httpsProxy && !httpProxy) return undefined;
  const noProxy = [...(pick('NO_PROXY')?.split(/[\s,]+/).filter(Boolean) ?? []), ...LOOPBACK].join(',');
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy };
}

/** A keep-alive dispatcher that goes through the proxy when one is set. */
export function createDispatcher(proxy: ProxySettings | undefined, connectMs: number | undefined): Dispatcher {
  const connect = connectMs === undefined ? {} : { connect: { timeout: connectMs } };
  // EnvHttpProxyAgent reads process.env for any field left out: pass all three so only `proxy` decides.
  return proxy ? new EnvHttpProxyAgent({ httpProxy: '', httpsProxy: '', ...proxy, ...connect }) : new Agent(connect);
}
