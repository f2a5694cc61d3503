import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/feeds/charset.js';
import { FeedFormatError, parseFeedDocument } from '../../src/feeds/parse-feed.js';
import { fixture } from './feed-server.js';

const DATES = { DATE_1: '2026-11-24T10:00:00Z', DATE_2: 'Mon, 23 Nov 2026 10:00:00 GMT' };
const BASE = 'https://feeds.example/feed';

function parse(name: string, maxItems = 50) {
  return parseFeedDocument(decodeBody(fixture(name, DATES), null).text, { baseUrl: BASE, maxItems });
}

describe('parseFeedDocument', () => {
  it('reads RSS 2.0: guid, link, dates, full content preferred, scripts dropped, entities once', () => {
    const feed = parse('rss2.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Harbour Gazette', link: 'https://gazette.example/' });
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      guid: 'gazette-1001',
      title: 'Lighthouse keepers vote to strike over rosters',
      published: '2026-11-24T10:00:00.000Z',
      paragraphs: [
        'The keepers of the northern lighthouse voted on Tuesday to strike over new rosters.',
        'Talks resume Friday & both sides say a deal is close.',
      ],
    });
    expect(JSON.stringify(first)).not.toContain('alert');
    expect(second?.paragraphs).toEqual([
      'The winter ferry timetable starts next week with fewer sailings on weekdays.',
      'Commuters have asked for an earlier boat.',
    ]);
    expect(second?.published).toBe('2026-11-23T10:00:00.000Z');
  });

  it('reads RSS 1.0 (RDF) with dc:date and rdf:about as the identity', () => {
    const feed = parse('rdf.xml');
    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({
      guid: 'https://valley.example/orchard-frost',
      title: 'Orchard growers count the cost of a late frost',
      published: '2026-11-24T10:00:00.000Z',
    });
  });

  it('reads Atom: html titles decoded exactly once, relative links resolved', () => {
    const feed = parse('atom.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Summit Times' });
    expect(feed.items[0]).toMatchObject({
      guid: 'urn:summit:entry:42',
      title: 'Mountain rescue team & volunteers honoured',
      link: 'https://feeds.example/stories/rescue-honoured?fbclid=abc',
      paragraphs: ['The rescue team was honoured for forty years of service.'],
    });
  });

  it('reads JSON Feed', () => {
    const feed = parse('feed.json');
    expect(feed).toMatchObject({ format: 'json', title: 'Riverside Daily' });
    expect(feed.items[0]).toMatchObject({ guid: 'rd-77', title: 'Old stone bridge reopens after repairs' });
  });

  it('tolerates a BOM, a bare &, &nbsp;, HTML entities and unclosed tags', () => {
    const feed = parse('tolerant.xml');
    expect(feed.title).toBe('Sloppy & Sons News');
    expect(feed.items[0]).toMatchObject({
      title: 'Café owners protest rent rises',
      paragraphs: ['Owners of the café strip say rents rose & rose.'],
    });
  });

  it('decodes windows-1252 from the XML declaration: €, — and curly quotes', () => {
    const decoded = decodeBody(fixture('windows-1252.xml'), 'application/rss+xml');
    expect(decoded).toMatchObject({ charset: 'windows-1252', from: 'xml-declaration' });
    const feed = parseFeedDocument(decoded.text, { baseUrl: BASE, maxItems: 5 });
    expect(feed.items[0]?.title).toBe('Tickets cost €10 — and the choir sings “Gloria”');
    expect(feed.items[0]?.paragraphs).toEqual(['Organisers said it’s the last concert this year.']);
  });

  it('caps the items read', () => {
    const feed = parse('rss2.xml', 1);
    expect(feed.items).toHaveLength(1);
    expect(feed.skipped).toBe(1);
  });

  it('leaves items it is told are known unread, by the digest of their raw form', () => {
    const first = parse('rss2.xml');
    const digests = new Set([first.items[0]?.rawDigest]);
    const again = parseFeedDocument(decodeBody(fixture('rss2.xml', DATES), null).text, {
      baseUrl: BASE,
      maxItems: 50,
      isKnown: (d) => digests.has(d),
    });
    expect(again.known).toEqual([first.items[0]?.rawDigest]);
    expect(again.items.map((i) => i.guid)).toEqual([first.items[1]?.guid]);
    const redated = parseFeedDocument(
      decodeBody(fixture('rss2.xml', { ...DATES, DATE_1: '2026-11-25T10:00:00Z' }), null).text,
      { baseUrl: BASE, maxItems: 50, isKnown: (d) => digests.has(d) },
    );
    expect(redated.known).toEqual([]);
  });

  it('names what is wrong with a body that is not a feed, or a broken one', () => {
    expect(() => parse('homepage.html')).toThrow(FeedFormatError);
    expect(() => parse('homepage.html')).toThrow(/not a feed/);
    expect(() => parse('truncated.xml')).toThrow(/malformed feed/);
  });

  it('keeps text that merely looks like an entity once decoded (no double decoding)', () => {
    const xml =
      '<rss version="2.0"><channel><title>t</title><item><title>AT&amp;T &amp;amp; friends</title><guid>1</guid>' +
      '<description>&lt;p&gt;Write &amp;amp;lt;b&amp;amp;gt; for bold&lt;/p&gt;</description></item></channel></rss>';
    const [item] = parseFeedDocument(xml, { baseUrl: BASE, maxItems: 5 }).items;
    expect(item?.title).toBe('AT&T & friends');
    expect(item?.paragraphs).toEqual(['Write &lt;b&gt; for bold']);
  });
});

describe('decodeBody', () => {
  const cp1252 = Buffer.from([0x80, 0x20, 0x93, 0x71, 0x94]); // € “q”

  it('takes the charset from Content-Type first', () => {
    expect(decodeBody(cp1252, 'text/xml; charset=windows-1252').text).toBe('€ “q”');
    // Latin-1 labels are read as windows-1252, as browsers do.
    expect(decodeBody(cp1252, 'text/xml; charset="ISO-8859-1"').text).toBe('€ “q”');
  });

  it('then the BOM, then the XML declaration, then UTF-8, else windows-1252', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<rss/>', 'utf16le')]);
    expect(decodeBody(utf16, null)).toMatchObject({ text: '<rss/>', from: 'bom' });
    const utf8 = Buffer.from('\ufeff<rss>é</rss>');
    expect(decodeBody(utf8, 'application/rss+xml')).toMatchObject({ text: '<rss>é</rss>', from: 'bom' });
    expect(decodeBody(Buffer.from('<rss>é</rss>'), null)).toMatchObject({
      text: '<rss>é</rss>',
      from: 'default',
    });
    expect(decodeBody(cp1252, null)).toMatchObject({ text: '€ “q”', from: 'fallback' });
  });

  it('ignores a charset it does not know and reads on', () => {
    expect(decodeBody(Buffer.from('<rss>é</rss>'), 'text/xml; charset=klingon').text).toBe('<rss>é</rss>');
  });
});
