import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One envelope the server sent, and when (if ever) the app acknowledged it. */
export interface Delivery {
  envelopeId: string;
  type: string;
  /** Which connection (1 = the first) carried it. */
  connection: number;
  sentAt: number;
  ackedAt: number | undefined;
}

/**
 * Slack's side of Socket Mode on 127.0.0.1: it greets each new WebSocket with `hello`, delivers
 * envelopes (`slash_commands`, `events_api`, `interactive`) on the newest open connection, records
 * when each `envelope_id` comes back as an acknowledgement, and can ask the app to reconnect with
 * `disconnect`. `apps.connections.open` on the fake Web API hands out {@link url}.
 */
export class FakeSocketMode {
  readonly deliveries: Delivery[] = [];
  /** When true, new connections wait for {@link greet} before their `hello` (a slow Slack). */
  holdHello = false;
  #server: WebSocketServer | undefined;
  #url = '';
  #opened = 0;
  #open: { socket: WebSocket; number: number }[] = [];
  #waiters = new Set<() => void>();

  get url(): string {
    return this.#url;
  }

  /** Connections the app has opened so far (each greeted with `hello`). */
  get connectionsOpened(): number {
    return this.#opened;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.#server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.#url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
    server.on('connection', (socket) => {
      const number = ++this.#opened;
      const entry = { socket, number };
      this.#open.push(entry);
      socket.on('message', (data) => this.#onMessage(String(data)));
      socket.on('close', () => {
        this.#open = this.#open.filter((e) => e !== entry);
        this.#changed();
      });
      if (!this.holdHello) this.#hello(socket);
      this.#changed();
    });
  }

  /** Sends the held `hello` to every open connection. */
  greet(): void {
    for (const { socket } of this.#open) this.#hello(socket);
  }

  #hello(socket: WebSocket): void {
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#open.length,
        debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0APP' },
      }),
    );
  }

  async stop(): Promise<void> {
    for (const { socket } of this.#open) socket.terminate();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Sends one envelope on the newest open connection and returns its `envelope_id`. */
  deliver(
    type: 'slash_commands' | 'events_api' | 'interactive',
    payload: Record<string, unknown>,
    extra: { retry_attempt?: number; retry_reason?: string } = {},
  ): string {
    const current = this.#open.at(-1);
    if (current === undefined) throw new Error('FakeSocketMode: no open connection to deliver on');
    const envelopeId = randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
    };
    if (type === 'events_api') {
      envelope.retry_attempt = extra.retry_attempt ?? 0;
      envelope.retry_reason = extra.retry_reason ?? '';
    }
    this.deliveries.push({
      envelopeId,
      type,
      connection: current.number,
      sentAt: Date.now(),
      ackedAt: undefined,
    });
    current.socket.send(JSON.stringify(envelope));
    return envelopeId;
  }

  /** Asks the app to reconnect, as Slack does before recycling the server behind a connection. */
  disconnect(reason = 'refresh_requested'): void {
    for (const { socket } of this.#open) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-socket-mode' } }));
    }
  }

  /** Open connections right now. */
  get openConnections(): number {
    return this.#open.length;
  }

  /** Resolves once `check` holds (re-checked on every connection change and ack). */
  until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error('FakeSocketMode: timed out waiting'));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #onMessage(text: string): void {
    const message = JSON.parse(text) as { envelope_id?: unknown };
    const delivery = this.deliveries.find((d) => d.envelopeId === message.envelope_id);
    if (delivery !== undefined && delivery.ackedAt === undefined) delivery.ackedAt = Date.now();
    this.#changed();
  }

  #changed(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
