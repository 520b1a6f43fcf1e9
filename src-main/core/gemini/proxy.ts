// Which way a request leaves this computer: through the proxy the environment names (HTTPS_PROXY, HTTP_PROXY,
// NO_PROXY, either case, read once from the environment main was started with, for undici's EnvHttpProxyAgent),
// else through the one the system's settings choose for that URL (Electron's session.resolveProxy, passed in as a
// function so this module stays plain Node), else directly. Loopback is never proxied: http is allowed only there
// (base-url.ts), and a proxy would otherwise see the key in the clear.
import { Agent, EnvHttpProxyAgent, ProxyAgent, Socks5ProxyAgent, type Dispatcher } from 'undici';
import { isLoopbackHost } from '../base-url';
import type { Logger } from '../ports';
import { errorName } from '../sealing';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The system's choice for a URL in PAC form, as Chromium answers it: "DIRECT", "PROXY host:port; DIRECT", … */
export type SystemProxyResolver = (url: string) => Promise<string>;

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** What undici's ProxyAgent can speak to. */
const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:']);

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

/**
 * How long the system's answer for an origin is followed without asking again: long enough that an upload's chunks
 * and polls, or a repeat run's requests, share one lookup; short enough that a proxy switched on or off (a VPN,
 * another network) is seen within a minute even when nothing fails.
 */
export const ROUTE_TTL_MS = 60_000;

export interface ProxyRoutesOptions {
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as proxyFromEnv reads them: when set, the system's settings are not asked. */
  env?: ProxySettings | undefined;
  /** The system's proxy settings (the platform layer's session.resolveProxy); none: only the environment counts. */
  system?: SystemProxyResolver | undefined;
  connectMs?: number | undefined;
  logger: Logger;
  /** The clock a remembered route expires by (ms); tests pass their own. */
  now?: () => number;
}

/** The way out for a request's URL, and the way to say that a connection through it failed. */
export interface Routes {
  dispatcherFor(url: string, signal?: AbortSignal): Dispatcher | Promise<Dispatcher>;
  /** `signal`: the one the failed request's dispatcherFor was given, which names the route it took. */
  connectionFailed(url: string, signal: AbortSignal): void;
}

interface Remembered {
  route: Promise<Dispatcher>;
  until: number;
}

/**
 * Keep-alive dispatchers, one per way out, chosen per request URL; owned and destroyed together. The system's
 * answer is remembered per origin for ROUTE_TTL_MS (requests asking at once share one lookup), and forgotten when
 * a connection through it fails, so the next request asks again rather than retrying a way out that has gone.
 */
export class ProxyRoutes implements Routes {
  readonly #options: ProxyRoutesOptions;
  readonly #connect: { connect?: { timeout: number } };
  readonly #direct: Agent;
  readonly #env: EnvHttpProxyAgent | undefined;
  readonly #proxies = new Map<string, Dispatcher>();
  readonly #remembered = new Map<string, Remembered>();
  /** The remembered route each request (by its signal) took last: its failure forgets that one and no later one. */
  readonly #used = new WeakMap<AbortSignal, Remembered>();
  /** Ends the lookups still waiting when the routes are destroyed. */
  readonly #closing = new AbortController();
  readonly #warned = new Set<string>();

  constructor(options: ProxyRoutesOptions) {
    this.#options = options;
    this.#connect = options.connectMs === undefined ? {} : { connect: { timeout: options.connectMs } };
    this.#direct = new Agent(this.#connect);
    this.#env = options.env ? this.#fromEnv(options.env) : undefined;
  }

  /**
   * `signal`: the request's; Stop during a slow lookup goes on at once (the request then fails as stopped), while
   * the lookup goes on for the other requests to the origin.
   */
  dispatcherFor(url: string, signal?: AbortSignal): Promise<Dispatcher> {
    const { hostname, origin } = new URL(url);
    if (isLoopbackHost(hostname)) return Promise.resolve(this.#direct);
    if (this.#env) return Promise.resolve(this.#env);
    const system = this.#options.system;
    if (!system) return Promise.resolve(this.#direct);
    const now = this.#options.now?.() ?? Date.now();
    let remembered = this.#remembered.get(origin);
    if (!remembered || now >= remembered.until) {
      remembered = { route: this.#route(system, origin), until: now + ROUTE_TTL_MS };
      this.#remembered.set(origin, remembered);
    }
    if (signal) this.#used.set(signal, remembered);
    return this.#unlessStopped(remembered.route, signal);
  }

  /**
   * A connection to `url`'s origin failed: whatever the network or its proxy became, the next request asks again.
   * Only the route the failed request took is forgotten: a fresh lookup made since (after another failure, or once
   * the old one expired) is not the one that failed.
   */
  connectionFailed(url: string, signal: AbortSignal): void {
    const origin = new URL(url).origin;
    if (this.#remembered.get(origin) === this.#used.get(signal)) this.#remembered.delete(origin);
  }

  async destroy(): Promise<void> {
    this.#closing.abort();
    this.#remembered.clear();
    await Promise.all([this.#direct, this.#env, ...this.#proxies.values()].map((d) => d?.destroy()));
  }

  async #route(system: SystemProxyResolver, origin: string): Promise<Dispatcher> {
    // The origin only: the path names sessions and files, which a PAC script has no need to see.
    const pac = await this.#lookUp(system, `${origin}/`).catch((error: unknown) => {
      if (this.#closing.signal.aborted) return 'DIRECT';
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

  /**
   * The system's answer, bounded: a PAC script or WPAD lookup that stalls must not hang Send, so after the connect
   * timeout it counts as unreadable.
   */
  #lookUp(system: SystemProxyResolver, url: string): Promise<string> {
    const limitMs = this.#options.connectMs ?? DEFAULT_LOOKUP_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settled = new AbortController();
    const bounds = new Promise<string>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${limitMs} ms`)), limitMs);
      this.#closing.signal.addEventListener('abort', () => reject(new Error('the app is closing')), { once: true, signal: settled.signal });
    });
    return Promise.race([system(url), bounds]).finally(() => {
      clearTimeout(timer);
      settled.abort();
    });
  }

  /** The remembered route, or direct at once when the request is stopped first (it then fails as stopped). */
  #unlessStopped(route: Promise<Dispatcher>, signal: AbortSignal | undefined): Promise<Dispatcher> {
    if (!signal) return route;
    if (signal.aborted) return Promise.resolve(this.#direct);
    const done = new AbortController();
    const stopped = new Promise<Dispatcher>((resolve) => {
      signal.addEventListener('abort', () => resolve(this.#direct), { once: true, signal: done.signal });
    });
    return Promise.race([route, stopped]).finally(() => done.abort());
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

  /**
   * The environment's proxies as undici can follow them. Built at start-up (the client is), so a value the shell
   * exported must never stop the app: one without a scheme is taken as http://, as curl does, and one that still
   * will not parse is ignored with a warning. Neither the value nor undici's error (which quotes it) is logged:
   * it may hold a user name and password.
   */
  #fromEnv(env: ProxySettings): EnvHttpProxyAgent | undefined {
    const httpProxy = this.#usable('HTTP_PROXY', env.httpProxy);
    const httpsProxy = this.#usable('HTTPS_PROXY', env.httpsProxy);
    if (!httpProxy && !httpsProxy) return undefined;
    try {
      // EnvHttpProxyAgent reads process.env for any field left out: pass all three so only `env` decides.
      return new EnvHttpProxyAgent({ httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? '', noProxy: env.noProxy ?? '', ...this.#connect });
    } catch (error) {
      this.#warnOnce('proxy: the proxy the environment names cannot be used; ignored', { error: errorName(error) });
      return undefined;
    }
  }

  #usable(variable: string, value: string | undefined): string | undefined {
    if (!value) return undefined;
    const uri = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    try {
      const { protocol, hostname } = new URL(uri);
      if (!PROXY_SCHEMES.has(protocol) || !hostname) throw new TypeError(`unsupported proxy scheme ${protocol}`);
      return uri;
    } catch (error) {
      this.#warnOnce(`proxy: ${variable} is not a proxy address this app can use; ignored`, { error: errorName(error) });
      return undefined;
    }
  }

  #warnOnce(message: string, context: Record<string, unknown>): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#options.logger.warn(message, context);
  }
}
