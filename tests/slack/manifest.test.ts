import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The key constraints of Slack's app-manifest schema (v1) for what newsbot uses, plus what the
 * code needs from the app. The full schema check is `npx tsx bench/check-manifest.ts`.
 */
const ManifestShape = z.object({
  display_information: z.object({ name: z.string(), description: z.string(), background_color: z.string() }),
  features: z.object({
    app_home: z.object({ messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    bot_user: z.object({ display_name: z.string() }),
    slash_commands: z.array(
      z.strictObject({
        command: z.string(),
        url: z.string().optional(),
        description: z.string(),
        usage_hint: z.string(),
        should_escape: z.boolean().optional(),
      }),
    ),
  }),
  oauth_config: z.object({
    scopes: z.object({ bot: z.array(z.string()), user: z.array(z.string()).optional() }),
  }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean() }),
    socket_mode_enabled: z.boolean(),
  }),
});
const raw = parse(readFileSync('manifest.yml', 'utf8')) as Record<string, unknown>;
const manifest = ManifestShape.parse(raw);
const TOP_LEVEL = ['display_information', 'features', 'oauth_config', 'settings'];

describe('manifest.yml', () => {
  it('has only known top-level sections and a valid display name', () => {
    expect(Object.keys(raw).every((k) => TOP_LEVEL.includes(k))).toBe(true);
    const { name, description } = manifest.display_information;
    expect(name.length).toBeGreaterThanOrEqual(1);
    expect(name.length).toBeLessThanOrEqual(35);
    expect(description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
  });

  it('declares /news with a description and usage hint, within the schema limits', () => {
    const commands = manifest.features.slash_commands;
    expect(commands).toHaveLength(1);
    const news = commands[0] as (typeof commands)[number];
    expect(news.command).toBe('/news');
    expect(news.description.length).toBeGreaterThanOrEqual(1);
    expect(news.description.length).toBeLessThanOrEqual(2000);
    expect(news.usage_hint.length).toBeGreaterThanOrEqual(1);
    expect(news.usage_hint.length).toBeLessThanOrEqual(1000);
  });

  it('has a bot user and lets people DM it', () => {
    expect(manifest.features.bot_user.display_name.length).toBeGreaterThan(0);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('asks for exactly the scopes newsbot uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['app_mentions:read', 'chat:write', 'chat:write.public', 'commands', 'im:history'].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('subscribes to mentions and DMs, with interactivity and Socket Mode on', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    expect([...events].sort()).toEqual(['app_mention', 'message.im']);
    expect(new Set(events).size).toBe(events.length);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
