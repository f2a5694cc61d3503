/**
 * The data behind the sentence splitter: which words ending in a full stop do not end a sentence.
 * Keys are lower-cased and written without the final stop ("u.s", "mr"). Extend the lists, not the code.
 */

/** Titles before a name: never the end of a sentence ("Mr. Smith", "Gen. Milley", "Sen. Warren"). */
export const NAME_TITLES: ReadonlySet<string> = new Set(
  `mr mrs ms messrs mme mlle dr prof gen sen rep gov lt col capt cmdr cdr sgt adm maj brig rev revd hon
  pres supt det insp cpl pte fr atty`.split(/\s+/),
);

/** Abbreviations that stand before a number ("No. 10", "Jan. 5", "p. 12") and end a sentence otherwise. */
export const NUMBER_PREFIXES: ReadonlySet<string> = new Set(
  `no nos vol vols fig figs p pp art ch chap sec para ed jan feb mar apr jun jul aug sep sept oct nov dec`.split(
    /\s+/,
  ),
);

/**
 * Abbreviations that usually sit inside a sentence but may end one ("the U.S. The…", "at 9 a.m. He…",
 * "Main St. It…"): they end a sentence only when a common sentence starter follows.
 * Dotted acronyms ("U.K", "Ph.D") and single capital initials are treated the same way without listing them.
 */
export const INNER_ABBREVIATIONS: ReadonlySet<string> = new Set(
  `u.s u.k u.n e.u e.g i.e etc vs v inc ltd corp co plc llc bros jr sr st mt ft ave blvd rd approx
  est dept univ assn int'l govt cf al`.split(/\s+/),
);

/** Words that often open a sentence; after an inner abbreviation they mark a sentence boundary. */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set(
  `a an the he she it they we i you this that these those there here his her its their our my but and or so
  yet in on at for from to by with as after before when while if although though however meanwhile
  earlier later today yesterday tomorrow now then still also not no some many most all one two three
  officials police critics analysts experts what why how who where which mr mrs ms dr`.split(/\s+/),
);

/** Times of day: they end a sentence unless a day, month or time zone follows ("9 a.m. Monday", "10 p.m. GMT"). */
export const TIME_ABBREVIATIONS: ReadonlySet<string> = new Set(['a.m', 'p.m']);

export const TIME_CONTINUATIONS: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun january
  february march april may june july august september october november december jan feb mar apr jun jul
  aug sep sept oct nov dec gmt bst utc cet cest et est edt ct cst cdt mt mst mdt pt pst pdt aest aedt acst
  awst nzst nzdt ist local`.split(/\s+/),
);
