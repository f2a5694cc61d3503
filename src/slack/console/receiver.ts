import { createInterface } from 'node:readline';
import type { App, Receiver } from '@slack/bolt';
import { ACTION_MORE, ACTION_SHARE } from '../../block-kit/actions.js';
import type { SlackMessage } from '../../block-kit/types.js';
import {
  buttonPressBody,
  directMessageBody,
  mentionBody,
  parseConsoleLine,
  slashCommandBody,
} from './console-input.js';
import { createInProcessWebApi, type SentMessage } from './in-process-web-api.js';
import { renderMessageAsText } from './render-text.js';

export interface ConsoleReceiverOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person is typing: show a prompt and let readline edit lines. Off on a pipe. */
  interactive: boolean;
  /** ANSI colours in the replies. */
  color: boolean;
  /** Printed once before the first prompt. */
  banner: string;
}

interface PressableButton {
  value: string;
  responseUrl: string;
}

/** The value of the button with this action id in a message, if it has one. */
function buttonValue(message: SlackMessage, actionId: string): string | undefined {
  for (const block of message.blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === actionId) return element.value;
    }
  }
  return undefined;
}

/**
 * A Bolt receiver for a terminal: each line becomes the slash command, mention, direct message
 * or button press Slack would have delivered, and goes through the app's listeners. Replies come
 * back through the in-process Web API and are printed as text. Lines are handled one at a time,
 * so replies appear in order, also on a pipe. `finished` resolves at end of input or on `quit`.
 */
export class ConsoleReceiver implements Receiver {
  readonly webApi: ReturnType<typeof createInProcessWebApi>;
  readonly finished: Promise<void>;
  #app: App | undefined;
  #seq = 0;
  #buttons = new Map<string, PressableButton>();
  /** Whether a /news was asked yet: "more" after a one-page answer is not "ask first". */
  #askedNews = false;
  #markFinished!: () => void;
  #stopped = false;

  constructor(private readonly options: ConsoleReceiverOptions) {
    this.webApi = createInProcessWebApi((sent) => this.#show(sent));
    this.finished = new Promise((resolve) => {
      this.#markFinished = resolve;
    });
  }

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<void> {
    this.options.output.write(`${this.options.banner}\n`);
    void this.#readLines();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
  }

  async #readLines(): Promise<void> {
    const { input, output, interactive } = this.options;
    const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    const prompt = () => {
      if (interactive && !this.#stopped) lines.prompt();
    };
    lines.setPrompt('> ');
    prompt();
    try {
      for await (const line of lines) {
        if (this.#stopped || !(await this.#handle(line))) break;
        prompt();
      }
    } finally {
      lines.close();
      this.#markFinished();
    }
  }

  /** Handles one line; false when the person asked to quit. */
  async #handle(line: string): Promise<boolean> {
    const input = parseConsoleLine(line);
    const seq = ++this.#seq;
    switch (input.kind) {
      case 'blank':
        return true;
      case 'quit':
        return false;
      case 'command':
        this.#buttons.clear();
        this.#askedNews = true;
        await this.#dispatch(slashCommandBody(input.text, this.webApi.newResponseUrl(), seq));
        return true;
      // A mention or DM answer has no buttons: "more" and "share" still follow the last /news.
      case 'mention':
        await this.#dispatch(mentionBody(input.text, seq));
        return true;
      case 'dm':
        await this.#dispatch(directMessageBody(input.text, seq));
        return true;
      case 'button': {
        const actionId = input.button === 'more' ? ACTION_MORE : ACTION_SHARE;
        const button = this.#buttons.get(actionId);
        if (button === undefined) {
          const nothing = input.button === 'more' ? 'Nothing more to show' : 'Nothing to share';
          const why = this.#askedNews
            ? 'the last answer has no more stories'
            : 'ask with /news <topic> first';
          this.options.output.write(`(${nothing}: ${why}.)\n\n`);
          return true;
        }
        await this.#dispatch(buttonPressBody(actionId, button.value, button.responseUrl, seq));
        return true;
      }
    }
  }

  async #dispatch(body: Record<string, unknown>): Promise<void> {
    if (this.#app === undefined) throw new Error('ConsoleReceiver.start() before App.init()');
    try {
      await this.#app.processEvent({ body, ack: async () => {} });
    } catch {
      // The app's error handler has logged it; the person at the terminal gets a line, not a stack.
      this.options.output.write('(Something went wrong there: the log on stderr has the details.)\n\n');
    }
  }

  #show(sent: SentMessage): void {
    const { output, color } = this.options;
    const text = renderMessageAsText(sent.message, { color });
    // A thread reply shows under its post, indented, as Slack shows it in the thread.
    if (sent.threadTs === undefined) output.write(`${text}\n`);
    else output.write(`  ↳ in the thread:\n${text.replace(/^/gm, '    ')}\n`);
    const pressable = [ACTION_MORE, ACTION_SHARE].filter((id) => buttonValue(sent.message, id) !== undefined);
    if (pressable.length === 0) {
      output.write('\n');
      return;
    }
    this.#buttons.clear();
    for (const id of pressable) {
      this.#buttons.set(id, { value: buttonValue(sent.message, id) ?? '', responseUrl: sent.responseUrl });
    }
    const hints = [
      this.#buttons.has(ACTION_MORE) && '"more" for the next stories',
      this.#buttons.has(ACTION_SHARE) && '"share" to post them to the channel',
    ].filter(Boolean);
    output.write(`Type ${hints.join(', or ')}.\n\n`);
  }
}
