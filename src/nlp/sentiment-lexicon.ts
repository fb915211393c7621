// Polarity words written by the project for German and English. They feed language-neutral features
// ("a positive word", "a negated negative word"), so weights learned on German tweets carry over to
// English text, for which no openly licensed sentiment training data exists. A trailing * marks a stem.

const POSITIVE_EN = `good great excellent amazing awesome fantastic wonderful brilliant perfect love loved loves lovely liked likes
best better nice cool happy glad pleased delighted thank thanks thankful grateful appreciate* enjoy* fun funny
beautiful gorgeous superb outstanding impressive incredible fabulous terrific helpful friendly quick easy
smooth reliable recommend* satisf* win winning won super yay wow congrat* exciting excited proud favorite
favourite cute sweet hope hopeful hoping blessed bless lucky fine positive success* successful benefit* fresh
fair correct praise* worth worthy top genius legend legendary hilarious laugh* smile* smiling cheers celebrat*
peace beauty brave strong stunning magnificent remarkable marvelous marvellous spectacular splendid phenomenal
epic solid wise thrilled ecstatic joy joyful cheerful adore* admire* respect* inspir* heaven heavenly paradise
yummy delicious tasty comfortable comfy cozy cosy safe clean polite courteous efficient prompt responsive
resolved fixed solved victory champion champions champs bonus pleasant pleasure charming elegant gladly
gratitude honored honoured lovin loving adorable amused amusing appreciated astonishing awesomeness
beautifully bliss blissful bravo breathtaking bright brilliantly calm capable celebrate charm cheer classy
clever comfort confident congratulations coolest courage creative cuddly dazzling dear dedicated delight
delightful dope dream dreamy eager easygoing elated enchanting encourag* energetic enjoyable enthusias*
excellence exceptional exquisite faith fancy fantastically fascinat* favor favour fearless fiesta finest
flawless fond fortunate friendship fulfilled gem generous gentle glamorous glorious glow good-looking goodness
graceful gracious grin handsome happiest happily happiness harmony healthy heartwarming hero heroes heroic
hooray hug hugs humble ideal imagine incredibly innovative inspired inspiring intelligent jolly keen kindness
laughing laughter legit lit love-it luxurious magic magical marvel masterpiece merry miracle motivat* nicely
optimis* passion passionate peaceful perfection perfectly playful pleasantly plentiful polished popular
powerful precious prettiest pretty prize prosper* radiant recommended refreshing relax* relief rejoic* rich
romantic rocks rocking satisfying scenic sexy shine shiny sincere smart smashing snazzy soothing sparkl*
special stellar stoked strength stylish sublime succeed sunny sunshine supportive supreme surprised sweetest
talented thankfully thoughtful thrill* tremendous triumph trust trusted truthful unbeatable unforgettable
upbeat uplifting valuable vibrant victorious vivid warm warmth welcome wholesome winner wins wonder
wonderfully worthwhile yes excite* fave goat luv`;

const NEGATIVE_EN = `bad worse worst terrible horrible awful poor disappoint* annoy* angry anger mad furious upset sad unhappy hate
hated hates hating dislike* sucks suck sucked crap crappy shit shitty damn fuck* wtf stupid dumb idiot*
useless broken broke fail* fault* faulty wrong error* problem* issue* bug buggy crash* slow late delay*
cancel* missing lost stolen scam* fraud* fake rude unfriendly unhelpful ignore* ignoring complain* complaint*
overcharg* ripoff rip-off expensive overpriced waste* wasted worried worry* afraid fear* scared scary dead
death died dying kill* killed murder* attack* terror* victim* sick ill pain painful hurt* injur* cry crying
tears sorry unfortunately sadly shame shameful ashamed disgust* gross nasty ugly bloody ridiculous absurd
pathetic lame boring bored tired exhausted frustrat* irritat* outrage* unacceptable incompetent lousy mediocre
miserable misery tragic tragedy disaster* chaos mess messy nightmare joke lie lies liar lying cheat* steal*
danger* dangerous threat* hostile violent violence abuse* harass* racist racism sexist blame* guilty crisis
collapse* damage* damaged defect* dirty filthy smelly noisy crowded overcrowded stuck stranded wait waiting
waited rejected denied refuse* unable impossible difficult annoying lazy greedy corrupt* lose losing loser
loss robbed abandon* abysmal aggravat* agony alarming alone anxious anxiety appall* arrogant atrocious awkward
backfire* bankrupt betray* bitter bizarre blah bleak blind blunder boo booed bore bother* brutal bullshit
bully burden careless catastroph* cheap cheated clumsy complicated concern* condemn* confus* coward crazy
creepy crime criminal critic* cruel crush* cursed dammit deadly deceit* defeat* deficit delay depress*
desperate despise destroy* devastat* disagree* disappointing disappointment disaster disgrace* disgusting
dishonest dismal dispute distress* doom doubt* drained dread dreadful drown* dull eerie embarrass* enemy evil
exhausting fail failure fatal fatigue fiasco fight* flaw* fool foolish forbid* forgotten fraud frighten* frown
fuming gloomy grief grim grumpy gruesome guilt harsh hatred heartbreak* helpless hideous homeless hopeless
horrendous horrific horrified hostage hurt humiliat* hypocrit* ignorant illegal impatient inadequate infuriat*
insane insecure insult* intolerable jealous kidnap* lack* lawsuit lonely madness malicious menace mistake*
mock* moan* mourn* negative neglect* nervous nonsense obnoxious offend* offensive oppress* outrageous
overrated panic pessimis* pitiful poison* poorly poverty protest* punish* rage regret* reject* resent* retard*
revenge ridicul* riot rotten rubbish ruin* sabotage sadness savage scandal scream* selfish severe shock*
sicken* sickening sinister slave slaughter smh snob sorrow spam spoil* stink* stress* suffer* suicide
suspicious tedious terrified terrifying threat thug toxic trash traumat* trouble* ugh unbearable unfair
unfortunate ungrateful unjust unlucky unpleasant unreliable unsafe upset* vile violat* vomit vulnerable weak
weird whine* wicked worthless wreck* yuck harm harmful`;

const POSITIVE_DE = `gut gute guter gutes guten super toll tolle toller tolles klasse prima spitze genial großartig* hervorragend*
ausgezeichnet* wunderbar* wunderschön* schön schöne schöner schönes perfekt* exzellent* fantastisch*
phantastisch* lieb liebe lieben liebt geliebt* danke dank dankbar* bedank* freu* froh glücklich* zufrieden*
begeistert* empfehl* empfehlenswert lob* gelob* beste besten bester bestes besser lecker nett nette netter
freundlich* hilfsbereit* schnell* pünktlich* zuverlässig* bequem* sauber* angenehm* entspannt* erfolgreich*
erfolg* gewonnen gewinn* sieg* hoffentlich hoffnung* spaß lustig* witzig* cool geil* yeah juhu yay hurra wow
traumhaft* herrlich* sympathisch* kompetent* top stark starke starker unkompliziert* reibungslos* glück*
genieß* genoss* lächel* lachen lacht gelacht liebevoll* herzlich* glückwunsch* gratul* bewunder* beeindruck*
klappt geklappt funktioniert erledigt gelöst kulant* komfortabel* gemütlich* ruhig* pünktlich freundlichste
wunderbare feiern feier* jubel*`;

const NEGATIVE_DE = `schlecht* schlimm* furchtbar* schrecklich* katastroph* mies* scheiß* scheiss* kacke mist doof* dumm* blöd*
ärger* ärgerlich* sauer wütend* wut* hass* hasse hasst enttäusch* traurig* leider versag* fehler* problem*
kaputt* defekt* ausfall* ausgefallen* ausfälle* verspät* verzöger* streik* chaos* stau störung* gestört*
unpünktlich* überfüllt* dreck* dreckig* schmutzig* stinkt stinkend* eklig* ekelhaft* unfreundlich*
unverschämt* frech* frechheit* unzumutbar* unmöglich* skandal* peinlich* lächerlich* nervig* nervt genervt*
nerven* langweilig* teuer* überteuert* abzock* betrug* betrüg* lüge* lügen* lügt belog* gelogen* beschwer*
reklamation* mangel* mängel* warte* wartet gewartet* warten* verpasst* verpass* gestrichen* storniert* kündig*
verloren* vergessen* ignoriert* angst* sorge* sorgen* gefahr* gefährlich* tot tote toten tod sterben*
gestorben* krieg* terror* anschlag* opfer* unfall* verletzt* schmerz* krank* leiden* traurig* weinen* heul*
schade* schande* schäm* fail* nerv* müde* laut* stress* gestresst* zornig* empör* unfassbar* unglaublich*
sinnlos* nutzlos* inkompetent* unfähig* schwierig* kompliziert* umständlich* gestrandet* festsitzen* gesperrt*
abgelehnt* fehlt fehlen* fehlend* falsch* schief* mangelhaft* ungenügend* miserabel* grauenhaft* grausam*
elend* übel* bäh igitt pfui leid leiden`;

const NEGATORS = `not no never nothing nobody none neither nor cannot can't don't doesn't didn't isn't wasn't aren't
won't wouldn't shouldn't couldn't hardly without nicht kein keine keiner keines keinen keinem nie niemals nichts ohne
weder kaum`;

const POSITIVE_EMOJI = '😀😃😄😁😆😊🙂😍🥰😘😻❤💕💖💗💙💚💛💜🧡👍👏🙌🎉🥳✨🌟⭐😎🤩😂🤣😋☺💯🔥🙏😇🤗💪✌👌';
const NEGATIVE_EMOJI = '😠😡🤬😤😞😔😟😢😭😩😫😖😣😒🙄😑😐😕☹🙁👎💔😱😨😰🤮🤢😷💩🤦😪😓';

export type Polarity = 1 | -1;

interface Lexicon {
  words: Map<string, Polarity>;
  stems: Map<string, Polarity>;
  negators: Set<string>;
}

function build(): Lexicon {
  const words = new Map<string, Polarity>();
  const stems = new Map<string, Polarity>();
  const add = (list: string, polarity: Polarity): void => {
    for (const entry of list.split(/\s+/u)) {
      if (!entry) continue;
      const word = entry.replace(/_/gu, ' ');
      if (word.endsWith('*')) stems.set(word.slice(0, -1), polarity);
      else words.set(word, polarity);
    }
  };
  add(POSITIVE_EN, 1);
  add(POSITIVE_DE, 1);
  add(NEGATIVE_EN, -1);
  add(NEGATIVE_DE, -1);
  for (const e of POSITIVE_EMOJI) words.set(e, 1);
  for (const e of NEGATIVE_EMOJI) words.set(e, -1);
  for (const e of [':)', ':-)', ':d', ':-d', ';)', ';-)', '=)', ':p', '<3']) words.set(e, 1);
  for (const e of [':(', ':-(', ":'(", '=(', ':/', ':-/']) words.set(e, -1);
  return { words, stems, negators: new Set(NEGATORS.split(/\s+/u).filter(Boolean)) };
}

let lexicon: Lexicon | undefined;

const MIN_STEM = 3;

export function polarityOf(token: string): Polarity | 0 {
  lexicon ??= build();
  let polarity: Polarity | 0 = lexicon.words.get(token) ?? 0;
  for (let len = token.length; polarity === 0 && len >= MIN_STEM; len--) {
    polarity = lexicon.stems.get(len === token.length ? token : token.slice(0, len)) ?? 0;
  }
  return polarity;
}

export function isNegator(token: string): boolean {
  lexicon ??= build();
  return lexicon.negators.has(token) || token.endsWith("n't");
}
