// Urgency is a matter of a few phrases a supervisor must never miss, so it is rules, not a model:
// legal threats, threats to go public, fraud or account takeover, and customers who had to ask again.
export type UrgencyReason = 'legal' | 'public_escalation' | 'fraud' | 'repeated_contact';

const GROUPS: Record<string, UrgencyReason> = {
  legal: 'legal',
  publicescalation: 'public_escalation',
  fraud: 'fraud',
  repeatedcontact: 'repeated_contact',
};

// One alternation with a named group per reason: the text is scanned once, not once per reason.
const URGENCY_RE =
  /(?<![\p{L}\p{N}])(?:(?<legal>(?:rechts)?anw[aä]lt\p{L}*|verbraucherzentrale\p{L}*|verbraucherschutz\p{L}*|verklag\p{L}*|klage\p{L}*|gericht\p{L}*|rechtliche\p{L}* schritte|juristisch\p{L}*|abmahnung|schlichtungsstelle|ombuds\p{L}*|chargeback|r[uü]ckbuch\p{L}*|lastschrift\p{L}* (?:zur[uü]ck|widerruf)\p{L}*|lawyers?|attorneys?|solicitors?|sue|suing|legal action|court|consumer (?:protection|rights|agency)|small claims|trading standards|dispute the charge)|(?<publicescalation>presse|zeitung\p{L}*|journalist\p{L}*|(?:an )?die medien|(?:[oö]ffentlich|publik) mach\p{L}*|[uü]berall (?:posten|teilen|schreiben|erz[aä]hlen)|shitstorm|boykott\p{L}*|viral|(?:to|the) press|newspapers?|journalists?|(?:to )?the media|go(?:ing)? public|post(?:ing)? (?:this |it )?everywhere|tell (?:everyone|everybody)|boycott\p{L}*|review sites?)|(?<fraud>gehackt|hacked|betrug\p{L}*|betr[uü]g\p{L}*|fraud\p{L}*|phishing|identit[aä]tsdiebstahl|identity theft|unauthori[sz]ed|nicht autorisiert\p{L}*|nicht von mir|not made by me|didn'?t make (?:this|these)|jemand (?:hat sich )?(?:in mein|mit meinem) \w+|someone (?:logged|got) into my|account (?:was )?(?:taken over|compromised)|konto (?:wurde )?(?:übernommen|gekapert)|karte (?:wurde )?gestohlen|stolen card|card (?:was )?stolen)|(?<repeatedcontact>(?:zum )?(?:zweiten|dritten|vierten|f[uü]nften|x-ten|wiederholten|\d+\.) mal|(?:schon|bereits) (?:zwei|drei|vier|f[uü]nf|sechs|mehrere|\d+) ?mal|mehrfach|mehrmals|x-mal|wiederholt (?:gefragt|geschrieben|angerufen|gemeldet|nachgefragt)|(?:several|multiple|many|countless|numerous|three|four|five|\d+) times|(?:for the|the) (?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|again and again|over and over|keep (?:asking|calling|writing)|(?:asked|called|written|emailed|contacted you) (?:twice|repeatedly)))(?![\p{L}\p{N}])/gu;

/** Threats and repeated asking come in the customer's own words, early; long articles are cut. */
const MAX_URGENCY_CHARS = 1000;

export function urgencyReasons(text: string): UrgencyReason[] {
  const lower = (text.length > MAX_URGENCY_CHARS ? text.slice(0, MAX_URGENCY_CHARS) : text).toLowerCase();
  const found = new Set<UrgencyReason>();
  for (const m of lower.matchAll(URGENCY_RE)) {
    for (const [group, value] of Object.entries(m.groups ?? {})) {
      const reason = GROUPS[group];
      if (value !== undefined && reason) found.add(reason);
    }
  }
  return [...found];
}
