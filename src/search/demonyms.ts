/**
 * Demonyms and adjectives of places, mapped to the place, so that "Ukrainian troops" is found by
 * "Ukraine" and the other way round. Plurals ("Ukrainians") are derived where they exist.
 * Each line: place, then its demonyms.
 */
const TABLE = `
afghanistan afghan
africa african
albania albanian
algeria algerian
america american
argentina argentinian argentine
armenia armenian
asia asian
australia australian aussie
austria austrian
azerbaijan azerbaijani
bangladesh bangladeshi
belarus belarusian
belgium belgian
bosnia bosnian
brazil brazilian
britain british briton brit
cambodia cambodian
canada canadian
chile chilean
china chinese
colombia colombian
croatia croatian
cuba cuban
denmark danish dane
egypt egyptian
england english
estonia estonian
ethiopia ethiopian
europe european
finland finnish finn
france french
germany german
greece greek
haiti haitian
hungary hungarian
india indian
indonesia indonesian
iran iranian
iraq iraqi
ireland irish
israel israeli
italy italian
japan japanese
jordan jordanian
kenya kenyan
korea korean
kuwait kuwaiti
latvia latvian
lebanon lebanese
libya libyan
lithuania lithuanian
malaysia malaysian
mexico mexican
mongolia mongolian
morocco moroccan
myanmar burmese
nepal nepalese
netherlands dutch
nigeria nigerian
norway norwegian
pakistan pakistani
palestine palestinian
peru peruvian
philippines filipino philippine
poland polish pole
portugal portuguese
qatar qatari
romania romanian
russia russian
scotland scottish scot
serbia serbian serb
somalia somali somalian
spain spanish spaniard
sudan sudanese
sweden swedish swede
switzerland swiss
syria syrian
taiwan taiwanese
thailand thai
tunisia tunisian
turkey turkish turk
ukraine ukrainian
venezuela venezuelan
vietnam vietnamese
wales welsh
yemen yemeni
`;

// Words that end in -ese, -ish and the like have no plural ("the Chinese"), the others take -s.
const NO_PLURAL = /(?:ese|ish|ch|ss|sh)$/;

function buildDemonymMap(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const line of TABLE.trim().split('\n')) {
    const [place, ...demonyms] = line.trim().split(/\s+/);
    if (place === undefined) continue;
    for (const d of demonyms) {
      map.set(d, place);
      if (!NO_PLURAL.test(d)) map.set(`${d}s`, place);
    }
  }
  return map;
}

/** Folded demonym ("ukrainians") → folded place ("ukraine"). */
export const DEMONYMS: ReadonlyMap<string, string> = buildDemonymMap();
