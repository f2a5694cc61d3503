/**
 * Common English function words, dropped from documents and queries: they match nearly every
 * article and only dilute the score. Contractions appear without their apostrophe, as the analyzer
 * sees them ("don't" → "dont"). Kept deliberately short: words that carry news meaning stay.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can cannot could did do does doing down during each either few for from further had
  has have having he her here hers herself him himself his how i if in into is it its itself just may me
  might more most must my myself neither no nor not now of off on once only or other ought our ours
  ourselves out over own per same shall she should so some such than that the their theirs them
  themselves then there these they this those through thus to too under until up upon very via was we
  were what when where whether which while who whom whose why will with within without would yet you
  your yours yourself yourselves says said say saying
  although among amongst another around besides else ever every however hence indeed instead many much
  nevertheless often perhaps quite rather several since therefore though toward towards unless whereas
  aint arent cant couldnt didnt doesnt dont hadnt hasnt havent hed hes im isnt ive
  shes shouldnt thats theres theyd theyll theyre theyve wasnt weve whats wont wouldnt
  youd youll youre youve`.split(/\s+/),
);
