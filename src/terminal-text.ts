/**
 * Text from files or feeds made safe to print to a terminal: newlines and tabs are kept; the escape
 * character and every other control (which a terminal obeys: move the cursor, clear the screen,
 * set the title) are dropped, and so are the bidi overrides that reorder what follows them.
 * Every human-readable line newsbot prints (check, articles, summarize, console mode, logs of
 * problems) goes through here; JSON output escapes controls by itself.
 */
export function terminalText(text: string): string {
  return text.replace(/[^\P{Cc}\n\t]/gu, '').replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
}
