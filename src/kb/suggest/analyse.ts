import { fold } from '../../listening/fold.js';
import { stem } from '../../listening/stem.js';
import { normalise } from '../../nlp/tokenise.js';

// Function words of both languages carry no topic; dropping them keeps a short question's few
// content words from being outvoted by "ich", "the", "my".
const STOPWORDS = new Set(
  (
    'aber alle allem allen aller alles als also am an ans auch auf aus bei beim bin bis bist da dadurch daher damit dann das dass dein deine dem den denn der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas euch euer eure für gibt hab habe haben hat hatte hätte ich ihm ihn ihr ihre im in ist ja jetzt kann kannst können könnte man mein meine meinem meinen meiner meines mich mir mit muss müssen nach noch nun nur ob oder ohne schon sehr sein seine sich sie sind so soll sollte um und uns unser unsere vom von vor war waren warum was weil welche wenn wer werde werden wie wieder wir wird wo wurde würde zu zum zur über hallo hi bitte danke mal ' +
    'a about after again all also am an and any are as at be been being but by can could did do does doing for from get got had has have having he her here hi him his i if in into is it its just me might my now of on once only or other our out please so some such than thank thanks that the their them then there these they this those to too up us very was we were what which while who will with would you your yours'
  )
    .split(' ')
    .map(fold),
);

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Folded, unstemmed content words of a text. */
export function contentWords(text: string): string[] {
  const words = fold(normalise(text)).match(WORD_RE) ?? [];
  return words.filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w));
}

const GRAM = 4;

/**
 * Character 4-grams of one word with boundary marks: what survives a typo or a compound split.
 * The leading '#' keeps a gram apart from a word of the same letters.
 */
export function wordGrams(word: string, into: string[]): void {
  const padded = `_${word}_`;
  if (padded.length <= GRAM) {
    into.push(`#${padded}`);
    return;
  }
  for (let i = 0; i + GRAM <= padded.length; i++) into.push(`#${padded.slice(i, i + GRAM)}`);
}

const MIN_PART = 3;
const MIN_COMPOUND = 7;

/**
 * Splits a German compound into two stems both known to the index ("lieferadresse" → "liefer",
 * "adress"; "kontoauszug" with a joining "s" too). The longest known head wins, so
 * "passwortänderung" splits after "passwort", not after "pass".
 */
export function splitCompound(word: string, known: (stem: string) => boolean): [string, string] | undefined {
  if (word.length < MIN_COMPOUND) return undefined;
  for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
    const head = word.slice(0, i);
    const tail = stem(word.slice(i));
    if (!known(tail)) continue;
    const headStem = stem(head);
    if (known(headStem)) return [headStem, tail];
    if (head.endsWith('s') && head.length > MIN_PART && known(stem(head.slice(0, -1)))) return [stem(head.slice(0, -1)), tail];
  }
  return undefined;
}
