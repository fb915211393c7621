// German customer-care sentiment examples written by the Parley project: SB-10k tweets are general
// chatter, while Parley reads complaints, praise and news about companies, so these cover that register.
import type { Sentiment } from '../src/nlp/index.js';

const NEGATIVE = `Schon wieder 40 Minuten Verspätung und keiner sagt Bescheid.
Die Hotline ist seit Tagen nicht erreichbar, einfach nur ärgerlich.
Zug fällt aus, Ersatzverkehr kommt nicht, ich stehe in der Kälte.
Mein Internet ist seit einer Woche weg und niemand kümmert sich.
Die Klimaanlage im Wagen ist kaputt, es sind 35 Grad.
Anschluss verpasst, weil der Regionalzug zu spät war. Danke für nichts.
Wieder Stellwerksstörung, wieder eine Stunde verloren.
Das Paket ist seit zwei Wochen verschwunden und der Support antwortet nicht.
Die Preise steigen jedes Jahr und der Service wird immer schlechter.
Überfüllter Zug, keine Sitzplätze, Toiletten defekt. Wie immer.
Ich zahle für ein Premium-Abo und bekomme nur Störungen.
Die App zeigt falsche Abfahrtszeiten an, total nutzlos.
Der Streik legt schon wieder alles lahm, ich komme nicht zur Arbeit.
Der Techniker ist nicht gekommen, ich habe den ganzen Tag umsonst gewartet.
Die Rückerstattung dauert jetzt schon zwei Monate.
Kein WLAN, kein Essen im Bordbistro, aber volle Preise.
Unfreundliches Personal am Schalter, ich wurde angeschnauzt.
Die Baustellen nehmen kein Ende, jeden Tag Chaos auf der Strecke.
Seit der Umstellung funktioniert gar nichts mehr.
Ich habe keine Lust mehr auf dieses ständige Warten.
Die Durchsage kam erst, als der Zug schon weg war.
Wieder eine Mahnung, obwohl ich längst bezahlt habe. Unverschämt.
Das Gerät ist nach drei Monaten kaputt und die Garantie wird abgelehnt.
Die Züge sind dreckig und die Toiletten eklig.
Pendler werden hier wie Vieh behandelt.
Wegen der Signalstörung sitzen wir seit einer Stunde auf freier Strecke fest.
Der Kundenservice hat mich dreimal weiterverbunden und dann aufgelegt.
Die neue Tarifstruktur ist eine reine Abzocke.
Was für ein Chaos heute am Hauptbahnhof.
Ich bin wirklich enttäuscht, so etwas habe ich nicht erwartet.`;

const NEUTRAL = `Der Konzern stellt am Donnerstag seine Jahresbilanz vor.
Ab Montag gilt der neue Fahrplan.
Die Strecke zwischen Köln und Frankfurt wird im Sommer modernisiert.
Der Vorstand hat einen neuen Finanzchef ernannt.
Tickets für die Verbindung gibt es ab 19 Euro.
Das Unternehmen beschäftigt rund 300.000 Mitarbeiter weltweit.
Die Gewerkschaft und der Arbeitgeber verhandeln am Mittwoch weiter.
Wie komme ich am besten vom Flughafen in die Innenstadt?
Der Zug nach München fährt heute von Gleis 7.
Die neue Filiale eröffnet im Frühjahr in der Innenstadt.
Der Aufsichtsrat tagt nächste Woche in Berlin.
Bin gerade im Zug nach Hamburg.
Der Bahnhof wird bis 2025 umgebaut.
Laut Unternehmen sollen 50 neue Züge bestellt werden.
Der Verkehrsminister besucht morgen die Baustelle.
Kann man das Ticket auch am Automaten kaufen?
Die Preise für Fernverkehrstickets ändern sich im Dezember.
Das neue Modell kommt im Herbst auf den Markt.
Heute Abend fahre ich mit dem Regionalexpress nach Hause.
Die Pressekonferenz beginnt um 11 Uhr.
Der Konzern investiert drei Milliarden Euro in das Netz.
Morgen bin ich mit der Bahn in Leipzig.
Der Tarifvertrag läuft Ende des Jahres aus.
Im Bericht geht es um die Pünktlichkeit im Fernverkehr.
Wer weiß, ob die Bahncard auch für den Nahverkehr gilt?`;

const POSITIVE = `Heute war der Zug mal pünktlich, so macht Pendeln Spaß!
Super netter Zugbegleiter, hat uns beim Umsteigen geholfen.
Danke an das Team am Schalter, sehr freundlich und schnell.
Das neue WLAN im Zug funktioniert richtig gut.
Endlich eine Verbindung ohne Umsteigen, großartig.
Die Erstattung kam schnell und unkompliziert, danke!
Toller Service in der Lounge, gerne wieder.
Entspannte Fahrt, ruhiger Wagen, alles bestens.
Lob an den Lokführer für die klare Durchsage.
Die App ist wirklich praktisch, ich liebe die Echtzeitinfos.
Wow, die neuen Züge sind richtig bequem.
Super Beratung im Reisezentrum, vielen Dank.
Pünktlich angekommen, sauberer Zug, netter Service. Perfekt.
Das Sparpreis-Ticket war ein echtes Schnäppchen.
Ich bin begeistert, wie schnell mein Problem gelöst wurde.`;

function parse(block: string, label: Sentiment): { text: string; label: Sentiment }[] {
  return block.split('\n').map((text) => ({ text, label }));
}

export const GERMAN_SENTIMENT_SAMPLES = [
  ...parse(NEGATIVE, 'negative'),
  ...parse(NEUTRAL, 'neutral'),
  ...parse(POSITIVE, 'positive'),
];
