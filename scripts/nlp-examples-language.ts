// Sentences written by the Parley project so the language model recognises common European languages
// besides German and English (which come from the training sets) instead of forcing them into one of the two.

export const LANGUAGE_SAMPLES: Record<string, string[]> = {
  fr: [
    "Bonjour, je n'ai toujours pas reçu ma commande.",
    'Merci beaucoup pour votre aide, le service était excellent.',
    'Le train a encore une heure de retard, c’est inadmissible.',
    'Pouvez-vous me dire quand mon colis sera livré ?',
    'Je voudrais annuler mon abonnement dès que possible.',
    "J'ai été facturé deux fois pour la même commande.",
    "L'application ne fonctionne plus depuis la mise à jour.",
    'Quelle belle journée, on va à la plage avec les enfants.',
    'Il fait très froid ce matin à Paris.',
    'Est-ce que vous livrez aussi en Belgique ?',
    'Je suis vraiment déçu par la qualité du produit.',
    'Nous cherchons un nouveau collègue pour notre équipe.',
    'Bonne soirée à tous et à demain !',
    'Le magasin est fermé le dimanche.',
  ],
  es: [
    'Hola, todavía no he recibido mi pedido.',
    'Muchas gracias por su ayuda, el servicio fue excelente.',
    'El tren lleva una hora de retraso otra vez.',
    '¿Cuándo llegará mi paquete?',
    'Quiero cancelar mi suscripción lo antes posible.',
    'Me han cobrado dos veces el mismo pedido.',
    'La aplicación no funciona desde la actualización.',
    'Qué buen día hace hoy, vamos a la playa.',
    '¿También hacen envíos a México?',
    'Estoy muy decepcionado con la calidad del producto.',
    'Buenas noches a todos, hasta mañana.',
    'La tienda está cerrada los domingos.',
    'Necesito hablar con una persona, por favor.',
  ],
  it: [
    'Buongiorno, non ho ancora ricevuto il mio ordine.',
    "Grazie mille per l'aiuto, servizio eccellente.",
    "Il treno è di nuovo in ritardo di un'ora.",
    'Quando arriverà il mio pacco?',
    'Vorrei disdire il mio abbonamento il prima possibile.',
    'Mi avete addebitato due volte lo stesso ordine.',
    "L'applicazione non funziona più dopo l'aggiornamento.",
    'Che bella giornata, andiamo al mare con i bambini.',
    'Spedite anche in Svizzera?',
    'Sono molto deluso dalla qualità del prodotto.',
    'Buona serata a tutti, a domani!',
    'Il negozio è chiuso la domenica.',
  ],
  nl: [
    'Hallo, ik heb mijn bestelling nog steeds niet ontvangen.',
    'Hartelijk dank voor de hulp, geweldige service.',
    'De trein heeft weer een uur vertraging.',
    'Wanneer wordt mijn pakket bezorgd?',
    'Ik wil mijn abonnement zo snel mogelijk opzeggen.',
    'Er is twee keer geld afgeschreven voor dezelfde bestelling.',
    'De app werkt niet meer sinds de update.',
    'Wat een mooie dag, we gaan naar het strand.',
    'Leveren jullie ook in België?',
    'Ik ben erg teleurgesteld over de kwaliteit van het product.',
    'Goedenavond allemaal, tot morgen!',
    'De winkel is op zondag gesloten.',
    'Het is heel gezellig hier bij ons thuis.',
  ],
  pt: [
    'Olá, ainda não recebi a minha encomenda.',
    'Muito obrigado pela ajuda, o atendimento foi excelente.',
    'O comboio está outra vez atrasado uma hora.',
    'Quando é que a minha encomenda vai chegar?',
    'Quero cancelar a minha assinatura o mais rápido possível.',
    'Fui cobrado duas vezes pelo mesmo pedido.',
    'O aplicativo não funciona desde a atualização.',
    'Que dia lindo, vamos à praia com as crianças.',
    'Vocês também entregam no Brasil?',
    'Estou muito decepcionado com a qualidade do produto.',
    'Boa noite a todos, até amanhã!',
    'A loja está fechada aos domingos.',
  ],
  pl: [
    'Dzień dobry, nadal nie otrzymałem mojego zamówienia.',
    'Bardzo dziękuję za pomoc, świetna obsługa.',
    'Pociąg znowu ma godzinę opóźnienia.',
    'Kiedy zostanie dostarczona moja paczka?',
    'Chcę jak najszybciej anulować subskrypcję.',
    'Pobrano ode mnie dwa razy opłatę za to samo zamówienie.',
    'Aplikacja nie działa od czasu aktualizacji.',
    'Piękny dzień, idziemy z dziećmi nad morze.',
    'Czy wysyłacie także do Niemiec?',
    'Jestem bardzo rozczarowany jakością produktu.',
    'Dobranoc wszystkim, do jutra!',
    'Sklep jest zamknięty w niedzielę.',
  ],
  tr: [
    'Merhaba, siparişimi hâlâ almadım.',
    'Yardımınız için çok teşekkürler, harika bir hizmet.',
    'Tren yine bir saat gecikmeli.',
    'Kargom ne zaman teslim edilecek?',
    'Aboneliğimi en kısa sürede iptal etmek istiyorum.',
    'Aynı sipariş için iki kez ücret alındı.',
    'Güncellemeden beri uygulama çalışmıyor.',
    'Ne güzel bir gün, çocuklarla denize gidiyoruz.',
    'Almanya’ya da gönderim yapıyor musunuz?',
    'Ürünün kalitesinden çok hayal kırıklığına uğradım.',
    'Herkese iyi geceler, yarın görüşürüz!',
    'Mağaza pazar günleri kapalı.',
  ],
  sv: [
    'Hej, jag har fortfarande inte fått min beställning.',
    'Tack så mycket för hjälpen, fantastisk service.',
    'Tåget är försenat en timme igen.',
    'När kommer mitt paket att levereras?',
    'Jag vill säga upp mitt abonnemang så snart som möjligt.',
    'Jag har blivit debiterad två gånger för samma order.',
    'Appen fungerar inte sedan uppdateringen.',
    'Vilken fin dag, vi åker till stranden med barnen.',
    'Levererar ni även till Norge?',
    'Jag är mycket besviken på produktens kvalitet.',
    'God natt allihop, vi ses i morgon!',
    'Butiken är stängd på söndagar.',
  ],
  da: [
    'Hej, jeg har stadig ikke modtaget min bestilling.',
    'Mange tak for hjælpen, fantastisk service.',
    'Toget er igen en time forsinket.',
    'Hvornår bliver min pakke leveret?',
    'Jeg vil gerne opsige mit abonnement hurtigst muligt.',
    'Jeg er blevet trukket to gange for den samme ordre.',
    'Appen virker ikke efter opdateringen.',
    'Sikke en dejlig dag, vi tager til stranden med børnene.',
    'Leverer I også til Sverige?',
    'Jeg er meget skuffet over produktets kvalitet.',
    'Godnat allesammen, vi ses i morgen!',
    'Butikken er lukket om søndagen.',
  ],
};

/** Short, tweet-like German and English lines: the training sets are long-form or formal. */
export const SHORT_SAMPLES: Record<'de' | 'en', string[]> = {
  de: [
    'Na toll.', 'Echt jetzt?', 'Geil!', 'Mega gut', 'Bin dabei', 'Schon wieder Verspätung', 'Zug fällt aus',
    'Danke euch!', 'Wie geil ist das denn', 'Hab keine Lust mehr', 'Morgen gehts los', 'Ich auch', 'Gute Nacht',
    'Was für ein Tag', 'Nicht schon wieder', 'Hammer!', 'Kann man nix machen', 'Lieber nicht', 'Wo bist du?',
    'Heute frei', 'Bahn kommt nicht', 'Wer noch?', 'Mal sehen', 'Stimmt', 'Genau so', 'Total süß', 'Ach so',
  ],
  en: [
    'So good!', 'Not again.', 'lol same', 'Love it', 'Can’t wait', 'Train is late again', 'Thanks guys!',
    'What a day', 'Good night', 'I’m in', 'Who else?', 'Let’s go', 'No way', 'Me too', 'Totally agree',
    'Where are you?', 'Day off today', 'Fingers crossed', 'Not happy', 'This is awesome', 'Oh well',
    'See you tomorrow', 'Best day ever', 'I hate Mondays', 'Nice one', 'Happy Friday', 'omg yes',
  ],
};

/**
 * English headlines and chatter full of names, the kind of tweet a model trained on formal English
 * and German tweets would otherwise call German.
 */
export const ENGLISH_HEADLINES = `Yankees beat Red Sox 5-3 as Judge hits two homers in Boston
Lakers sign veteran guard on a one-year deal
Federer and Nadal advance to the semifinals at Wimbledon
Live tonight at the Fillmore: DJ Marco with special guests
New trailer for the Marvel movie drops on Friday
Chelsea boss says the squad is ready for the derby
Taylor Swift announces European tour dates for next summer
Breaking: storm warning issued for the Gulf Coast this weekend
Senator Warren to speak at the town hall in Denver
Apple unveils the new MacBook with a faster chip
Manchester United fans react to the late equaliser
Warriors crush Rockets behind Curry's 40 points
Obama meets Merkel in Berlin to discuss trade
Kanye West drops surprise album at midnight
Netflix renews Stranger Things for another season
Amazon opens its first cashier-free store in Seattle
Job: Night shift warehouse supervisor wanted in Dallas, TX
Packers quarterback questionable for Sunday's game
Stocks rally as the Fed holds interest rates steady
Tickets for the Coldplay show sold out in minutes
Game of Thrones season finale tonight, who's watching?
Throwback to the Beatles at Shea Stadium in 1965
Miami Heat trade their first-round pick to Phoenix
Saturday night with the squad at Brooklyn Bowl
Happy birthday to the one and only Dolly Parton
Trump and Clinton clash over taxes in the second debate
The Avengers cast reunites for a charity stream
Real Madrid edge Barcelona in a thriller at the Bernabeu
Drake and Rihanna spotted together in Toronto again
Watch: highlights from last night's Cubs win over the Mets
Red carpet looks from the Met Gala, who wore it best?
UFC fight night results: Silva wins by knockout
Big Ben falls silent for four years of repairs
Google Pixel review: great camera, average battery
Pokemon Go update adds new creatures this week
Fashion week kicks off in New York with Jason Wu
Lady Gaga to headline the Super Bowl halftime show
Chicago weather: snow expected through Thursday morning
Iron Maiden announce a new album and world tour
Kim Kardashian posts a throwback photo from Paris
Messi scores twice as Argentina qualify for the World Cup
Pizza, wings and the Bears game, perfect Sunday
Just landed at JFK, see you soon New York
Mayor de Blasio announces free Wi-Fi in the subway
Ed Sheeran wins song of the year at the Grammys
The Walking Dead returns in October with a new villain
Tesla recalls Model S over seat belt issue
Brad Pitt and George Clooney back together for new heist movie
Arsenal fans are not happy after another loss at home
Madonna turns 58 and celebrates in Havana`;

