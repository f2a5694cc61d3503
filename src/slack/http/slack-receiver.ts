import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import { type App, HTTPModuleFunctions, type Receiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { InFlight } from '../../service/in-flight.js';
import { metrics } from '../../service/metrics.js';
import { AckFirstGate } from './ack-first-gate.js';
import { signatureRefusal } from './signature.js';

const EVENTS_PATH = '/slack/events';
const BODY_LIMIT = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';
/** The longest Bolt's work on a request waits for other acks, so replies keep flowing under a flood. */
const MAX_DEFER_MS = 500;
/** A burst is over when no request has come in for this long (see AckFirstGate). */
const BURST_QUIET_MS = 5;

/** A GET route beside Slack's: `match` returns the path's parameters, or null when it is not this route. */
export interface HttpRoute {
  match(pathname: string): Record<string, string> | null;
  handle(req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> | void;
}

/** The port is taken by another program. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly port: number) {
    super(`PORT ${port} is already in use by another program: stop it or set PORT to a free port`);
  }
}

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** GET routes (health, article pages), tried in order. */
  routes?: HttpRoute[];
  /** The clock for timestamp checks (ms since the epoch). */
  nowMs?: () => number;
  /** Counts each acknowledged request until Bolt is done with it, so a shutdown can wait for it. */
  inFlight?: InFlight;
}

/**
 * The HTTP receiver of newsbot: it answers Slack before Bolt sees the request. A POST to
 * /slack/events is read, its timestamp and signature checked, and answered 200 at once; only
 * then, once the acks of a burst are all out ({@link AckFirstGate}), does Bolt run the middleware
 * and listeners (`processEvent` with an ack that does nothing, the HTTP answer having gone out
 * already). So an ack never waits on a listener, a middleware or a
 * busy loop turn, and Slack's 3-second clock is never at risk. Listeners reply through
 * `response_url` and the Web API. Requests signed more than five minutes before *or after* now are
 * refused (Bolt checks only the past).
 */
export class SlackHttpReceiver implements Receiver {
  readonly #options: SlackHttpReceiverOptions;
  readonly #log: Logger;
  #app: App | undefined;
  #server: Server | undefined;
  /** Bolt's work waits here until the acks of a burst are out. */
  readonly #gate = new AckFirstGate({ quietMs: BURST_QUIET_MS, maxDeferMs: MAX_DEFER_MS });

  constructor(options: SlackHttpReceiverOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'http' });
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Listens on `port` (0: any free port); resolves with the server once it listens. */
  start(port: number, host?: string): Promise<Server> {
    const server = createServer((req, res) => {
      this.#route(req, res).catch((err: unknown) => {
        this.#log.error({ err }, 'error while answering an HTTP request');
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        else res.end();
      });
    });
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
      });
      server.listen(port, host, () => resolve(server));
    });
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined || !server.listening) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The port it listens on (after `start`). */
  get port(): number | null {
    const address = this.#server?.address();
    return typeof address === 'object' && address !== null ? (address as AddressInfo).port : null;
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Slack posts to the exact path: no URL parsing on the ack path.
    const pathname =
      req.url === EVENTS_PATH ? EVENTS_PATH : new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === EVENTS_PATH) {
      if (req.method !== 'POST') return HTTPModuleFunctions.buildNoBodyResponse(res, 405);
      this.#gate.arrived();
      res.once('close', () => this.#gate.answered());
      return this.#slackRequest(req, res);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      for (const route of this.#options.routes ?? []) {
        const params = route.match(pathname);
        if (params !== null) return route.handle(req, res, params);
      }
    }
    HTTPModuleFunctions.buildNoBodyResponse(res, 404);
  }

  async #slackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    let raw: string;
    try {
      raw = (await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT)).rawBody.toString();
    } catch (err) {
      const status = HTTPModuleFunctions.isRawBodyError(err) ? err.statusCode : 400;
      return HTTPModuleFunctions.buildNoBodyResponse(res, status);
    }
    const isForm = req.headers['content-type'] === FORM;
    // Slack's certificate check is unsigned and carries nothing to act on.
    if (isForm && /^ssl_check=1(&|$)/.test(raw)) return HTTPModuleFunctions.buildSSLCheckResponse(res);

    const refused = signatureRefusal(
      this.#options.signingSecret,
      {
        body: raw,
        timestamp: req.headers['x-slack-request-timestamp'],
        signature: req.headers['x-slack-signature'],
      },
      Math.floor((this.#options.nowMs?.() ?? Date.now()) / 1000),
    );
    if (refused !== null) {
      this.#log.warn(`refused a request to ${EVENTS_PATH}: ${refused}`);
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, isForm);
    } catch {
      return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    }
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);

    // The ack: out before any middleware or listener runs.
    HTTPModuleFunctions.buildNoBodyResponse(res, 200);
    const ackSeconds = (performance.now() - arrived) / 1000;
    const app = this.#app;
    if (app === undefined) throw new Error('SlackHttpReceiver.start() before App.init()');
    // Tracked from the ack on: Slack will not resend this request, so a shutdown must wait for it.
    const work = async () => {
      await this.#gate.clear();
      // Recorded after the burst, like the rest of the bookkeeping: it is not part of the ack.
      metrics.ackSeconds.observe({ mode: 'http' }, ackSeconds);
      await app.processEvent({
        body,
        ack: async () => {},
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      });
    };
    try {
      await (this.#options.inFlight?.track(work) ?? work());
    } catch (err) {
      // The app's error handler has logged it; the request has its answer already.
      this.#log.debug({ err }, 'a listener failed after the ack');
    }
  }
}

/** A request body as Bolt expects it: interactions' `payload` JSON, a command's form fields, or an event's JSON. */
function parseBody(raw: string, isForm: boolean): Record<string, unknown> {
  if (!isForm) return JSON.parse(raw) as Record<string, unknown>;
  const fields = parseQueryString(raw);
  if (typeof fields.payload === 'string') return JSON.parse(fields.payload) as Record<string, unknown>;
  return fields as Record<string, unknown>;
}
