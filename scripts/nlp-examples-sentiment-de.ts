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
Ich bin wirklich enttäuscht, so etwas habe ich nicht erwartet.
Zug steht wieder, keiner weiß warum.
Mal wieder 20 Minuten zu spät. Jeden Morgen dasselbe.
Heute ist der Zug einfach ausgefallen, ohne Ansage.
Nach der Baustelle jetzt auch noch Personalmangel, unfassbar.
Reservierung bezahlt, Wagen fehlt. Großartig gemacht, wirklich.
Die Heizung geht nicht, wir frieren seit Kassel.
Verspätung wegen Reparatur am Zug, zum dritten Mal diese Woche.
Warum ist der Fahrkartenautomat eigentlich immer kaputt?
Das Bordrestaurant hat schon wieder geschlossen.
Ich verpasse meinen Flug, weil der ICE ewig vor Frankfurt steht.
Wer plant eigentlich diese Umleitungen? Eine Katastrophe.
Das Ticket ist teurer als der Flug und dauert doppelt so lange.
Die Ansagen sind nicht zu verstehen und die Anzeige ist aus.
Seit einer Stunde Stillstand, kein Wasser, keine Information.
Schienenersatzverkehr heißt hier: zwei Stunden an der Haltestelle warten.
Der Anschlusszug hat nicht gewartet, jetzt sitze ich nachts am Bahnhof fest.
Drei Mal angerufen, drei verschiedene Auskünfte bekommen.
Die Entschädigung wurde ohne Begründung abgelehnt.
Mein Vertrag wurde ohne Rückfrage verlängert, das ist doch Betrug.
Die Rechnung ist doppelt so hoch wie vereinbart.
Seit Tagen kein Netz in der Wohnung, und das bei dem Preis.
Der Paketbote hat nicht mal geklingelt, nur einen Zettel eingeworfen.
Die Sendung liegt angeblich in der Filiale, dort weiß keiner etwas.
Nie wieder bestelle ich da, der Kundenservice ist eine Frechheit.
Die Warteschleife dauert über 45 Minuten.
Der Aufzug am Bahnsteig ist seit Monaten defekt, mit Kinderwagen unmöglich.
Die Toilette war verschlossen, die ganze Fahrt über.
Zu wenig Wagen, die Leute stehen bis in die Tür.
Die Pünktlichkeit ist auf einem neuen Tiefstand, peinlich.
Bahnfahren ist inzwischen reines Glücksspiel.
Lächerlich, wie oft hier Züge ausfallen.
Wieder keine Durchsage, wieder alle ratlos am Gleis.
Ich bin so genervt, ich fahre ab jetzt nur noch Auto.
Der Zugbegleiter war extrem unhöflich zu einer älteren Dame.
Die Fahrradmitnahme war gebucht und trotzdem kein Platz.
Die Klimaanlage ist ausgefallen und die Fenster gehen nicht auf.
Schlechter Empfang, kein WLAN, Steckdosen ohne Strom.
Das ist jetzt die vierte Mail ohne Antwort.
Die Kündigung wurde angeblich nie empfangen, obwohl ich eine Bestätigung habe.
Der Streik trifft wieder die Pendler, die am wenigsten dafür können.
Die Strecke ist gesperrt und niemand sagt, wie es weitergeht.
Geld abgebucht, Ware nie bekommen.
Warum dauert eine einfache Erstattung eigentlich drei Monate?
Die Sitzplatzanzeige stimmt nicht, jetzt stehen alle im Gang.
Der Regionalzug kam mit halber Länge, völlig überfüllt.
Kaputte Türen, verdreckte Sitze, und dann noch Verspätung.
Eure Hotline legt einfach auf, sobald man in der Schleife ist.
Das Chaos bei der Umstellung hätte man vermeiden können.
Fahrgäste mussten zwei Stunden im Tunnel warten, unzumutbar.
Technische Störung am Zug, Weiterfahrt ungewiss. Super.
Die Preiserhöhung ist ein Schlag ins Gesicht der Stammkunden.
Ich fühle mich als Kunde überhaupt nicht ernst genommen.
Die App stürzt beim Ticketkauf ab und das Geld ist trotzdem weg.
Störung im Betriebsablauf, die Ausrede für alles.
Der Bus kam gar nicht, der nächste erst in einer Stunde.
Wieder mal am Umsteigebahnhof gestrandet.
Null Kulanz, null Entgegenkommen, nur Textbausteine.
Verspätungen ohne Ende und trotzdem steigen die Preise.
Fahrplanwechsel und plötzlich fällt meine Verbindung weg.
Der Kollege am Telefon wusste überhaupt nicht Bescheid.`;

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
Wer weiß, ob die Bahncard auch für den Nahverkehr gilt?
Der ICE nach Berlin fährt heute ab Gleis 12.
Im Dezember tritt der neue Fahrplan in Kraft.
Die Bahn will bis 2030 mehr Strecken elektrifizieren.
Gewerkschaft kündigt neue Tarifverhandlungen an.
Der Verkehrsverbund erhöht die Preise zum Jahreswechsel um drei Prozent.
Auf der Strecke Hamburg–Hannover wird am Wochenende gebaut.
Weiß jemand, ob der Nachtzug nach Wien noch fährt?
Gibt es im ICE Steckdosen am Platz?
Wie lange gilt ein Ticket mit aufgehobener Zugbindung?
Kann ich mein Fahrrad im Regionalexpress mitnehmen?
Ich sitze im Zug nach Stuttgart und lese Zeitung.
Morgen geht es mit dem Zug in den Urlaub an die Ostsee.
Der Konzern meldet für das erste Halbjahr einen Umsatz von 22 Milliarden Euro.
Der Bahnchef äußert sich am Freitag zur Lage im Güterverkehr.
Laut Bericht sind im Mai 65 Prozent der Fernzüge pünktlich gewesen.
Die neue Schnellfahrstrecke soll 2027 eröffnet werden.
Ab nächster Woche gibt es eine zusätzliche Verbindung am Abend.
Die Ausschreibung für den Regionalverkehr läuft noch bis März.
Welche Unterlagen brauche ich für den Antrag auf Fahrgastrechte?
Wo finde ich die Fundsachen am Hauptbahnhof?
Das Reisezentrum hat am Sonntag von 9 bis 18 Uhr geöffnet.
Bundesregierung plant mehr Geld für die Schiene.
Die Züge der neuen Baureihe werden ab Herbst eingesetzt.
Der Aufsichtsrat berät über den Verkauf der Logistiktochter.
Wir fahren morgen früh um sieben los.
Heute geht es mit der S-Bahn zum Flughafen.
Die Länder fordern eine Reform der Finanzierung im Nahverkehr.
Ab Juni gilt das Deutschlandticket auch in diesem Verbund.
Hat jemand Erfahrung mit der Mitnahme von Hunden im Fernzug?
Der Bahnhofsvorplatz wird neu gestaltet.
Die Zahl der Fahrgäste im Fernverkehr ist gestiegen.
Wie viel kostet eine Platzreservierung in der zweiten Klasse?
Bin um 18 Uhr am Hauptbahnhof, treffen wir uns dort?
Das Unternehmen sucht Lokführer und Fahrdienstleiter.
Auf der Messe stellt der Hersteller einen neuen Triebzug vor.
Die Stadt und das Land verhandeln über die Kosten des Tunnels.
Mein Zug kommt um 14:32 an.
Der Sparpreis ist nur in bestimmten Zügen verfügbar.
Laut Sprecher soll die Sperrung bis Montag dauern.
Die Landesregierung hat den Ausbau der Strecke beschlossen.
Kann man eine Bahncard auch für jemand anderen kaufen?
In Frankfurt beginnt heute eine Konferenz zur Zukunft der Mobilität.
Ich schreibe gerade meine Masterarbeit über den Schienengüterverkehr.
Die Verbindung führt über Würzburg und Nürnberg.
Das Kundenmagazin erscheint jetzt auch digital.
Hier der Link zum aktuellen Fahrplan.
Der Bahnhof liegt etwa zehn Minuten vom Zentrum entfernt.
Tarifverhandlungen werden nächste Woche fortgesetzt.
Der Zug hält auch in Fulda.
Am Samstag fahren die Züge im Stundentakt.`;

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
Ich bin begeistert, wie schnell mein Problem gelöst wurde.
Danke an die Zugbegleiterin, die mir mit dem Koffer geholfen hat!
Heute alles pünktlich, sogar der Anschluss hat geklappt.
Die Erstattung kam innerhalb einer Woche, vielen Dank.
Richtig schöne Fahrt am Rhein entlang, ich liebe diese Strecke.
Der neue Zug ist leise, sauber und bequem. Daumen hoch.
Sehr freundliche Hilfe am Info-Schalter, danke!
Das Deutschlandticket ist für mich eine echte Erleichterung.
Schnelle Antwort vom Kundenservice, Problem gelöst. Top!
Lokführer hat extra gewartet, damit alle umsteigen können. Klasse!
Endlich funktioniert das WLAN auch auf dem Land.`;

function parse(block: string, label: Sentiment): { text: string; label: Sentiment }[] {
  return block.split('\n').map((text) => ({ text, label }));
}

export const GERMAN_SENTIMENT_SAMPLES = [
  ...parse(NEGATIVE, 'negative'),
  ...parse(NEUTRAL, 'neutral'),
  ...parse(POSITIVE, 'positive'),
];
