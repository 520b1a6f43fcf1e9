// Which way a request leaves this computer: through the proxy the environment names (HTTPS_PROXY, HTTP_PROXY,
// NO_PROXY, either case, read once from the environment main was started with, for undici's EnvHttpProxyAgent),
// else through the one the system's settings choose for that URL (Electron's session.resolveProxy, passed in as a
// function so this module stays plain Node), else directly. Loopback is never proxied: http is allowed only there
// (base-url.ts), and a proxy would otherwise see the key in the clear.
import { Agent, EnvHttpProxyAgent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';
import { isLoopbackHost } from '../base-url';
import type { Logger } from '../ports';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The system's choice for a URL in PAC form, as Chromium answers it: "DIRECT", "PROXY host:port; DIRECT", … */
export type SystemProxyResolver = (url: string) => Promise<string>;

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

export function proxyFromEnv(env: Record<string, string | undefined>): ProxySettings | undefined {
  const pick = (name: string) => (env[name] ?? env[name.toLowerCase()] ?? '').trim() || undefined;
  const httpsProxy = pick('HTTPS_PROXY');
  const httpProxy = pick('HTTP_PROXY');
  if (!httpsProxy && !httpProxy) return undefined;
  const noProxy = [...(pick('NO_PROXY')?.split(/[\s,]+/).filter(Boolean) ?? []), ...LOOPBACK].join(',');
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy };
}

/**
 * The first entry of a PAC answer this client can follow: DIRECT, PROXY (http), HTTPS or SOCKS5. SOCKS (v4) and
 * QUIC are skipped for the next entry; undefined when none is usable.
 */
export function proxyFromPac(pac: string): { direct: true } | { direct: false; uri: string } | undefined {
  const schemes: Record<string, string> = { PROXY: 'http', HTTPS: 'https', SOCKS5: 'socks5' };
  for (const entry of pac.split(';')) {
    const [kind = '', hostPort, ...rest] = entry.trim().split(/\s+/);
    const upper = kind.toUpperCase();
    if (upper === 'DIRECT' && !hostPort) return { direct: true };
    const scheme = schemes[upper];
    if (!scheme || !hostPort || rest.length > 0) continue;
    try {
      return { direct: false, uri: new URL(`${scheme}://${hostPort}`).href.replace(/\/$/, '') };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** How long the system's proxy settings may take to answer when no connect timeout is set. */
const DEFAULT_LOOKUP_MS = 10_000;

export interface ProxyRoutesOptions {
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as proxyFromEnv reads them: when set, the system's settings are not asked. */
  env?: ProxySettings | undefined;
  /** The system's proxy settings (the platform layer's session.resolveProxy); none: only the environment counts. */
  system?: SystemProxyResolver | undefined;
  connectMs?: number | undefined;
  logger: Logger;
}

/** Keep-alive dispatchers, one per way out, chosen per request URL; owned and destroyed together. */
export class ProxyRoutes {
  readonly #options: ProxyRoutesOptions;
  readonly #connect: { connect?: { timeout: number } };
  readonly #direct: Agent;
  readonly #env: EnvHttpProxyAgent | undefined;
  readonly #proxies = new Map<string, Dispatcher>();
  readonly #warned = new Set<string>();

  constructor(options: ProxyRoutesOptions) {
    this.#options = options;
    this.#connect = options.connectMs === undefined ? {} : { connect: { timeout: options.connectMs } };
    this.#direct = new Agent(this.#connect);
    // EnvHttpProxyAgent reads process.env for any field left out: pass all three so only `env` decides.
    this.#env = options.env ? new EnvHttpProxyAgent({ httpProxy: '', httpsProxy: '', ...options.env, ...this.#connect }) : undefined;
  }

  /** `signal`: the request's; Stop during a slow lookup goes on at once (the request then fails as stopped). */
  async dispatcherFor(url: string, signal?: AbortSignal): Promise<Dispatcher> {
    const { hostname, origin } = new URL(url);
    if (isLoopbackHost(hostname)) return this.#direct;
    if (this.#env) return this.#env;
    const system = this.#options.system;
    if (!system) return this.#direct;
    // The origin only: the path names sessions and files, which a PAC script has no need to see.
    const pac = await this.#lookUp(system, `${origin}/`, signal).catch((error: unknown) => {
      this.#warnOnce('proxy: the system proxy settings could not be read; connecting directly', { error: String(error) });
      return 'DIRECT';
    });
    const route = proxyFromPac(pac);
    if (!route) {
      this.#warnOnce('proxy: the system proxy is of a kind this app cannot use; connecting directly', { pac: pac.slice(0, 200) });
      return this.#direct;
    }
    return route.direct ? this.#direct : this.#through(route.uri);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.#direct, this.#env, ...this.#proxies.values()].map((d) => d?.destroy()));
  }

  /**
   * The system's answer, bounded: a PAC script or WPAD lookup that stalls must not hang Send (nor ignore Stop), so
   * after the connect timeout it counts as unreadable, and a stopped request does not wait for it at all.
   */
  #lookUp(system: SystemProxyResolver, url: string, signal: AbortSignal | undefined): Promise<string> {
    const limitMs = this.#options.connectMs ?? DEFAULT_LOOKUP_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = new AbortController();
    const bounds = new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${limitMs} ms`)), limitMs);
      if (signal?.aborted) resolve('DIRECT');
      signal?.addEventListener('abort', () => resolve('DIRECT'), { once: true, signal: stopped.signal });
    });
    return Promise.race([system(url), bounds]).finally(() => {
      clearTimeout(timer);
      stopped.abort();
    });
  }

  #through(uri: string): Dispatcher {
    let dispatcher = this.#proxies.get(uri);
    if (!dispatcher) {
      // Socks5ProxyAgent's `connect` is a connector function, not options: it keeps its own connect timeout.
      dispatcher = uri.startsWith('socks5:') ? new Socks5ProxyAgent(uri) : new ProxyAgent({ uri, ...this.#connect });
      this.#proxies.set(uri, dispatcher);
    }
    return dispatcher;
  }

  #warnOnce(message: string, context: Record<string, unknown>): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#options.logger.warn(message, context);
  }
}
