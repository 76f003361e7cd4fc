"""The words of the Dutch demo's mention stream (`crisisbot demo --lang nl`): Acme Koffie's Dutch customers, the same
story as the English stream told by people in the Netherlands, with a few English, German and French posts.

Used by make_demo_mentions.py; the same names as demo_mention_texts.py. All texts are written in Dutch for this
project (none is translated from another stream or taken from a data set).
"""

LANGUAGE = "nl"
ZONE = "Europe/Amsterdam"
"""The daily rhythm and the time-of-day phrases follow the clock of the shops: Amsterdam's."""
FOREIGN_SHARE = 0.08  # tourists, expats and neighbours: English, German, French
CRISIS_FOREIGN_SHARE = 0.08
ENGLISH_ARTICLES = False  # Dutch has no "a"/"an" to fix

# --- slots ---------------------------------------------------------------------------------------

SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme", "Acme Koffie", "Acme Koffie", "@AcmeKoffie", "@AcmeKoffie", "#AcmeKoffie"),
    "drink": ("flat white", "havermelklatte", "cortado", "cold brew", "speculaaslatte", "chai latte",
              "warme chocolademelk", "cappuccino", "koffie verkeerd", "americano", "matcha latte",
              "dubbele espresso", "ijslatte", "filterkoffie", "caramel latte", "decaf cappuccino",
              "pepernotenlatte", "hazelnootmokka"),
    "food": ("appeltaart", "amandelcroissant", "bananenbrood", "tosti ham-kaas", "blauwe-bessenmuffin",
             "worstenbroodje", "chocoladecroissant", "citroencake", "brownie", "stroopwafel",
             "yoghurtbeker met granola", "wrap met hummus", "kaneelbroodje", "speculaasbrokken"),
    "branch": ("Amsterdam Zuid", "Utrecht Centraal", "Rotterdam Blaak", "Den Haag HS", "Haarlem Grote Markt",
               "Groningen Vismarkt", "Eindhoven Stratumseind", "Leiden Centraal", "Nijmegen Plein",
               "Arnhem Korenmarkt", "Zwolle Centrum", "Delft Markt", "Amersfoort", "Breda Havermarkt",
               "Maastricht Vrijthof", "Tilburg Spoorzone", "Schiphol Plaza", "Amsterdam De Pijp"),
    "barista": ("Sanne", "Daan", "Fleur", "Mo", "Noor", "Jesse", "Yara", "Bram", "Lotte", "Sem", "Ayoub",
                "Eva", "Thijs", "Lieke", "Ruben", "Ilse"),
    "friend": ("mijn moeder", "mijn zus", "mijn huisgenoot", "mijn baas", "oma", "het hele team", "de kinderen",
               "mijn vriend", "mijn vader", "mijn beste vriendin", "de leesclub", "mijn studiegroep"),
    "moment": ("op mijn vrije dag", "terwijl het buiten stortregende", "met de hond", "in de regen"),
    "minutes": ("15", "20", "25", "20", "30", "35"),
    "price": ("3,95", "4,10", "4,25", "4,40", "4,65", "4,80"),
    "size": ("kleine", "gewone", "grote"),
    "milk": ("havermelk", "havermelk", "amandelmelk", "sojamelk", "lactosevrije melk"),
    "app_thing": ("de spaarapp", "de Acme-app", "de app", "de Acme Voordeel-app"),
    "stamps": ("stempels", "sterren", "punten"),
    "good": ("heerlijk", "perfect", "echt lekker", "top", "fantastisch", "super", "ontzettend goed", "prima"),
    "pos_emoji": ("☕", "☕", "😍", "🙌", "👌", "❤️", "😊", "✨", "🤎", "🧡"),
    "neg_emoji": ("😩", "🙄", "😒", "😤", "😕", "🫠"),
    "wrong_name": ("Jon", "Sjors", "Eef", "Nef", "Gijs", "Olle", "Roel"),
    "real_name": ("Sjoukje", "Ngozi", "Fenna", "Wietske", "Aafke", "Geertruida", "Jildou"),
    "tag": ("#koffie", "#koffietijd", "#latteart", "#flatwhite", "#goedemorgen", "#koffieliefhebber",
            "#ochtendkoffie", "#AcmeKoffie"),
}

# {moment} by the hour on Amsterdam's clock: (first hour, last hour, phrases); the slot's own phrases fit any time.
MOMENTS = (
    (5, 10, ("vanochtend", "voor het werk", "op weg naar het station", "na het hardlopen", "voor mijn dienst",
             "na het naar school brengen")),
    (11, 13, ("in mijn lunchpauze", "tussen de middag", "tussen twee vergaderingen door")),
    (14, 17, ("vanmiddag", "tussen twee vergaderingen door", "in mijn middagpauze", "na het ophalen van school")),
    (18, 22, ("vanavond", "na het werk", "voor mijn nachtdienst")),
    (23, 23, ("in de pauze van mijn nachtdienst", "na een late dienst", "op een onchristelijk tijdstip")),
    (0, 4, ("in de pauze van mijn nachtdienst", "na een late dienst", "op een onchristelijk tijdstip")),
)

# Ordinary mentions: (weight, templates). Most are neutral or positive; the complaints ~17%.
PRAISE = (
    "De {drink} bij {acme} {branch} is vandaag {good}",
    "{barista} van {acme} {branch} wist mijn bestelling al voordat ik iets zei. Kleine moeite, groot verschil",
    "Compliment voor {barista} van {acme} {branch}, wat een mooie latte art {pos_emoji}",
    "Beste {drink} die ik in tijden heb gehad. Goed gedaan {acme}",
    "{drink} en een {food} van {acme}. Mijn dag kan niet meer stuk {pos_emoji}",
    "Wie de {drink} van {acme} heeft bedacht: dankjewel",
    "De {food} bij {acme} {branch} was nog warm. Perfect {pos_emoji}",
    "Wat was het personeel van {acme} {branch} vriendelijk {moment}",
    "Hoogtepunt van mijn dag: een {drink} van {acme} {moment}",
    "De nieuwe {drink} bij {acme} geprobeerd. {good}!",
    "{barista} bij {acme} {branch} verdient opslag, de rij was in een paar minuten weg",
    "{friend} meegenomen naar {acme} {branch} en nu zijn ze verslingerd aan de {drink}",
    "{acme} maakte mijn {drink} precies goed, extra heet met {milk}. Heerlijk",
    "Gezellig koffiedate met {friend} bij {acme}, {drink} en {food} {pos_emoji}",
    "Het hoekje bij het raam van {acme} {branch} is mijn nieuwe kantoor",
    "Zonder de {drink} van {acme} had ik deze week niet overleefd",
    "De {drink} van {acme} smaakt naar Sinterklaasavond {pos_emoji}",
    "Chapeau voor het team van {acme} {branch}: hartstikke druk en toch iedereen vrolijk",
    "Jazz op de achtergrond en een {good} {drink} bij {acme} {branch}. Tevreden mens",
    "Niemand bakt een {food} zoals {acme}. Complimenten aan de bakker",
)
NEUTRAL = (
    "Even een {drink} halen bij {acme} {branch} {moment}",
    "Bij {acme} {branch} met {friend}",
    "Vandaag werken vanuit {acme} {branch}, de wifi doet het",
    "{acme} {branch} zit bomvol, iedereen had hetzelfde idee",
    "De vaste {drink} bij {acme} {moment}",
    "Om drie uur met {friend} afgesproken bij {acme} {branch}",
    "Snel binnengewipt bij {acme} voor een {drink} en een {food}",
    "{acme} {branch} heeft de kerstbekers al tevoorschijn gehaald",
    "Eerste {drink} van de dag, van {acme}",
    "Nog snel een {drink} bij {acme} voordat de trein gaat",
    "{acme} {branch} heeft volgende week andere openingstijden, ter info",
    "Scriptie schrijven bij {acme} {branch}. Derde {drink}. Help",
    "De nieuwe winterkaart van {acme} gezien, de {drink} is terug",
    "Het regent, dus vandaag hoort er een {drink} van {acme} bij",
    "{drink} van {acme} in de ene hand, paraplu in de andere",
    "Vaste bestelling bij {acme}: {size} {drink} met {milk}",
    "Mijn bestelling bij {acme} zegt alles: {size} {drink} en een {food}",
)
QUESTIONS = (
    "Zijn jullie zondag open, {acme} {branch}?",
    "Heeft {acme} {branch} vandaag {milk}?",
    "Hoe laat gaat {acme} {branch} vanavond dicht?",
    "Is de {drink} van {acme} vegan als ik {milk} neem?",
    "Is de {drink} terug bij {acme} of was dat vorig jaar?",
    "Weet iemand of je bij {acme} {branch} je laptop kunt opladen?",
    "Kan ik mijn {stamps} uit {app_thing} bij elke {acme} gebruiken?",
    "Welke {acme} bij {branch} heeft plek om te werken?",
    "Werken cadeaukaarten van {acme} ook in {app_thing}?",
    "Heeft {acme} de {drink} ook cafeïnevrij?",
    "Mogen honden mee naar binnen bij {acme} {branch}?",
    "Krijg je bij {acme} nog steeds een gratis {drink} voor tien {stamps}?",
)
LOYALTY = (
    "Net een gratis {drink} gekregen via {app_thing}. {acme} ik hou van jullie",
    "Negen {stamps} binnen, nog eentje. {acme}, die gratis {drink} komt eraan",
    "Verjaardagstraktatie van {acme} via {app_thing}: een gratis {drink} {pos_emoji}",
    "Vooruit bestellen in {app_thing} is geniaal, mijn {drink} stond klaar toen ik {acme} {branch} binnenliep",
    "Dubbele {stamps} deze week in {app_thing}, {acme} weet hoe ze mij moeten krijgen",
    "Eindelijk mijn {stamps} bij {acme} ingewisseld voor een {food}",
    "Net gezien dat {app_thing} bijhoudt hoeveel koffie ik dit jaar bij {acme} heb gedronken. Dat blijft onder ons",
)
JOKES = (
    "Mijn bloedgroep is {drink} van {acme}",
    "Ik: ik moet echt gaan sparen. Ook ik: {size} {drink} bij {acme}",
    "De barista van {acme} schreef {wrong_name} op mijn beker. Ik heet {real_name}. Bijna goed",
    "Relatiestatus: vergeven aan de {drink} van {acme}",
    "Ik heb geen koffieverslaving, ik heb een klantenkaart van {acme}",
    "Als ze bij {acme} {branch} je bestelling al weten voordat je iets zegt, is dat dan liefde",
    "{acme} kan me beter gewoon een eigen bureau geven in {branch}",
    "Mijn stappen vandaag: heen en weer naar {acme} {branch}",
    "Tegen de huisarts gezegd dat ik nog maar drie bekers van {acme} per dag drink. Technisch gezien waar",
)
COMPLAINTS = (
    "{minutes} minuten in de rij bij {acme} {branch} {moment}. Lekkere koffie, maar kom op",
    "Een {drink} besteld bij {acme} en een {drink2} gekregen. Alweer",
    "Net toen ik bij {acme} wilde betalen liep {app_thing} vast. Toch maar weer met de pinpas",
    "Voor de derde dag op rij geen {milk} bij {acme} {branch} {neg_emoji}",
    "Sinds wanneer kost een {size} {drink} bij {acme} €{price}? Veel te duur geworden",
    "Mijn {drink} van {acme} was ijskoud toen ze eindelijk mijn naam riepen. Teleurstellend",
    "Wifi bij {acme} {branch} ligt er weer uit, hoe moet ik nu doen alsof ik werk",
    "Volgens {app_thing} heb ik 0 {stamps}. Ik heb deze week zes keer koffie gehaald. {acme}, graag oplossen",
    "De {drink} bij {acme} is alweer duurder geworden. Nu €{price} {neg_emoji}",
    "{minutes} minuten gewacht op een {drink} bij {acme} {branch} en hij was lauw",
    "De {food} bij {acme} {branch} was vandaag oud, jammer",
    "{acme} {branch} heeft om tien uur al geen {food} meer. Elke keer weer",
    "Waarom logt {app_thing} me elke keer uit? {acme}",
    "Koude latte, verkeerde melk, lange rij. Niet de beste dag van {acme} {neg_emoji}",
    "Plakkerige tafels en overvolle prullenbakken bij {acme} {branch}. Niet best",
    "Mijn online bestelling bij {acme} stond eeuwen op de toonbank, de {drink} was koud",
    "{milk} gevraagd bij {acme} en gewone melk gekregen. Niet blij mee",
)
ORDINARY = ((34, PRAISE), (24, NEUTRAL), (10, QUESTIONS), (8, LOYALTY), (7, JOKES), (17, COMPLAINTS))

FOREIGN_SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme Koffie", "@AcmeKoffie"),
    "drink": ("flat white", "cappuccino", "cortado", "chai latte", "cold brew", "latte macchiato"),
    "city": ("Amsterdam", "Utrecht", "Rotterdam", "The Hague", "Maastricht"),
    "en_tag": ("#coffee", "#AcmeKoffie", "#amsterdam", ""),
    "de_tag": ("#Kaffee", "#AcmeKoffie", "#Urlaub", ""),
    "fr_tag": ("#café", "#AcmeKoffie", "#PaysBas", ""),
    "tag": ("#BoycotAcme", "#RespectVoorDeZorg", "#AcmeReclame", ""),
}
FOREIGN: dict[str, tuple[str, ...]] = {
    "en": (
        "Lovely {drink} at {acme} in {city}, the staff switched to English without blinking {en_tag}",
        "First week in {city} and {acme} is already my local {en_tag}",
        "Does anyone know if {acme} in {city} is open on Sundays?",
        "The queue at {acme} {city} station this morning was something else, coffee was worth it",
        "Expat tip: {acme} in {city} has oat milk and decent wifi {en_tag}",
        "Why is there never any oat milk at {acme} in {city}? Every single morning",
    ),
    "de": (
        "Der {drink} bei {acme} in {city} ist richtig gut {de_tag}",
        "Kurzurlaub in {city}, erster Stopp: {acme} {de_tag}",
        "Hat {acme} in {city} am Sonntag geöffnet?",
        "Warum ist die Schlange bei {acme} am Bahnhof in {city} immer so lang?",
    ),
    "fr": (
        "Un {drink} chez {acme} à {city}, parfait pour commencer la journée {fr_tag}",
        "Quelqu'un sait si {acme} à {city} est ouvert le dimanche ?",
        "Le personnel de {acme} à {city} est adorable {fr_tag}",
        "La file d'attente chez {acme} à {city} ce matin, incroyable",
    ),
}

# --- the spam burst ------------------------------------------------------------------------------

SPAM_OPENERS = ("Win een gratis Acme Koffie cadeaukaart!!!", "WIN een GRATIS Acme Koffie cadeaukaart!!!",
                "Win een gratis Acme Koffie cadeaukaart!!")
SPAM_MIDDLES = ("Klik hier", "klik hier", "Klik nu", "Klik hier en claim")
SPAM_ENDS = ("#winactie #AcmeKoffie", "#winactie #gratis #AcmeKoffie", "#AcmeKoffie #winactie")
SPAM_EMOJI = ("🎁", "🎉", "💰", "☕🎁", "🔥")
SPAM_WORDS = ("kado", "winnen", "actie", "deal", "gratis", "prijs", "bonus", "claim")

# --- the crisis ----------------------------------------------------------------------------------

CRISIS_SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme Koffie", "@AcmeKoffie", "@AcmeKoffie", "@AcmeKoffie"),
    "ad": ("de nieuwe reclame", "die reclame", "de Nachtdienst-reclame", "jullie reclame", "dit filmpje",
           "de reclame", "dat reclamefilmpje", "de gesponsorde video", "jullie nieuwe video"),
    "nurse": ("IC-verpleegkundige", "SEH-verpleegkundige", "verpleegkundige in de nachtdienst",
              "kinderverpleegkundige", "verloskundige", "wijkverpleegkundige", "student-verpleegkundige",
              "oncologieverpleegkundige", "verzorgende in het verpleeghuis", "OK-verpleegkundige",
              "GGZ-verpleegkundige", "neonatologieverpleegkundige"),
    "family": ("Mijn moeder is verpleegkundige", "Mijn vrouw is verpleegkundige", "Mijn zus is verpleegkundige",
               "Mijn man is verpleegkundige", "Mijn dochter is verpleegkundige",
               "Mijn beste vriendin is verpleegkundige", "Mijn vader heeft 30 jaar in de zorg gewerkt"),
    "years": ("6", "9", "12", "15", "20", "23", "31"),
    "hours": ("10", "10", "12", "12"),
    "tag": ("#BoycotAcme", "#BoycotAcme", "#RespectVoorDeZorg", "#AcmeReclame", "#VerwijderDeVideo",
            "#Nachtdienst", "#BoycotAcmeKoffie"),
    "angry": ("😡", "🤬", "🤮", "👎", "😤", "🙄", "💔"),
    "clap": ("👏", "👏👏", "👏👏👏", "🙃"),
    "ward": ("IC", "SEH", "kraamafdeling", "kinderafdeling", "longafdeling", "neurologie", "chirurgie",
             "cardiologie"),
    "outlet": ("Het Koffieblad", "RetailNieuws", "Marketingvakblad", "de Avondkrant", "Stadsnieuws",
               "ReclameRadar", "Merkenmonitor"),
    "story": ("acme-reclame-ophef", "acme-koffie-verpleegkundigen", "acme-nachtdienst-reclame",
              "koffieketen-reclame-rel", "acme-reclame-woede-zorg"),
    "drink": SLOTS["drink"],
    "branch": SLOTS["branch"],
    "app_thing": ("de Acme-app", "de app", "mijn Acme Voordeel-app"),
}
CRISIS_NEGATIVE = (
    "Net {ad} van {acme} gezien. Verpleegkundigen belachelijk maken die nachtdiensten van {hours} uur draaien? "
    "Walgelijk. {tag}",
    "Ik ben {nurse}. Ik drink jullie koffie om 3 uur 's nachts omdat het moet, niet omdat het grappig is. "
    "Haal die video weg {acme}",
    "Nooit meer {acme}. Echt nooit meer. {tag}",
    "Wie {ad} heeft goedgekeurd moet eruit. En het reclamebureau meteen ook {acme}",
    "Schandalige reclame. Ik heb {app_thing} verwijderd en mijn klantenkaart doorgeknipt. {tag}",
    "{family}. Ze zag {ad} in haar pauze en moest huilen. Schaam je {acme}",
    "{acme} vindt uitgeputte verpleegkundigen blijkbaar een grap. Boycot. {tag}",
    "Verwijder de video en bied fatsoenlijk excuses aan, {acme}. Dit is beschamend {tag}",
    "Ik haal al jaren elke dag een {drink} bij {acme} {branch}. Nu niet meer. {tag} {angry}",
    "{years} jaar verpleegkundige en nog nooit zo voor schut gezet door een koffiemerk. Klaar met {acme}",
    "Verpleegkundigen hielden dit land draaiende in de coronatijd en {acme} maakt ons tot de grap. "
    "Ongelofelijk {angry}",
    "Wat een walgelijke reclame van {acme}. Spotten met verpleegkundigen is niet grappig {tag}",
    "Ik boycot {acme} tot {ad} weg is en er excuses komen {tag}",
    "Wie bij {acme} keek naar {ad} en dacht: prima zo? Vreselijk. Ontsla dat bureau",
    "Vanaf vandaag geen koffie van {acme} meer op onze afdeling. We zijn overgestapt. {tag}",
    "Die reclame van {acme} is ranzig. Een verpleegkundige die in slaap valt in een latte als grap? {tag} {angry}",
    "Ons hele team heeft de koffiebestelling bij {acme} voor de nachtdienst net geannuleerd. {tag}",
    "Schandalig. {acme}, haal {ad} offline en doneer aan een fonds voor zorgverleners {tag}",
    "Onder {ad} staan honderden reacties van verpleegkundigen die vertellen hoe gekwetst ze zijn {acme}. "
    "Luisteren jullie?",
    "Geschokt door {acme}. {ad} maakt belachelijk wie voor ons zorgt. Ik koop nooit meer iets bij jullie",
    "De stilte van {acme} zegt genoeg. Haal die video weg. {tag}",
    "De Nachtdienst-reclame is het meest smakeloze dat ik dit jaar heb gezien. {acme} zou zich moeten "
    "schamen {angry}",
    "Verpleegkundigen met diensten van {hours} uur zijn geen marketingtruc {acme}. {tag}",
    "Ik werk nachten op de SEH. {acme}, ik ben klaar met jullie. {tag}",
    "Hé {acme}, verpleegkundigen zijn geen grap. Haal {ad} nu offline {angry}",
    "{acme} ontvolgd, app verwijderd, klantenkaart in de prullenbak. {tag}",
    "Diep triest. {acme} heeft betaald om {ad} te promoten. Dat was een keuze. {tag}",
    "Ik zet nooit meer een voet in {acme} {branch} na {ad}. {tag}",
    "Dit is geen cancelcultuur, {acme}. Dit zijn verpleegkundigen die zeggen dat jullie ze kwetsen. "
    "Luister. {tag}",
    "Delen zodat iedereen ziet wat {acme} van verpleegkundigen vindt. {tag} {angry}",
    "De klantenservice van {acme} gebeld over {ad}, kreeg een standaardantwoord. Bedroevend {tag}",
    "Student-verpleegkundige hier. Drie stages, onbetaald, en {acme} lacht ons uit. Nooit meer {tag}",
    "{ad} is kwetsend voor iedere verpleegkundige die ooit een nachtdienst heeft gedraaid. Boycot {acme}",
    "{acme}, schaam je. Haal het weg. {tag}",
    "Wie {ad} heeft goedgekeurd, heeft duidelijk nog nooit een verpleegkundige ontmoet. Respectloos {acme}",
    "Echt boos over {ad}. {family} en {acme} is ons hele gezin als klant kwijt",
    "Ons ziekenhuis zegt de koffiebestelling bij {acme} {branch} op. Niet met die reclame {tag}",
    "Dus {acme} sponsort in het voorjaar de zorgprijzen en lacht in de winter om verpleegkundigen? "
    "Hypocriet {tag}",
    "{ad} voelde als een klap in mijn gezicht na een dienst van {hours} uur. {acme} {angry}",
    "Walgelijke reclame. Boycot {acme}. Delen {tag}",
    "Mijn collega's op de {ward} zijn woedend over {ad}. {acme}, jullie zijn ons allemaal kwijt {tag}",
    "Ik was altijd fan van {acme}. Na {ad}? Nooit meer {angry}",
    "Net mijn tegoed in de {acme}-app opgemaakt en mijn account verwijderd. {tag}",
    "{ad} is wat je krijgt als niemand in die vergaderruimte ooit een nachtdienst heeft gedraaid. "
    "Beschamend {acme}",
    "Verpleegkundigen zijn uitgeput door de personeelstekorten. Dat is geen grapje om {drink} mee te verkopen "
    "{acme} {tag}",
    "Boycot {acme}. Trakteer je vrienden in de zorg vandaag ergens anders op koffie {tag}",
    "Zo moe van merken als {acme} die de zorg gebruiken als het ze uitkomt. Verwijder het {tag}",
    "{ad} gezien tussen twee patiënten door. Moest even in de spoelruimte gaan zitten. Bedankt {acme} {angry}",
    "Zorgpersoneel krijgt korting bij {acme} en dan toch zo'n reclame maken? Kwetsend {tag}",
    "{acme}: ontsla het bureau, bied verpleegkundigen excuses aan, en misschien praten we dan. Tot die tijd: "
    "nee {tag}",
    "{acme} is iedere verpleegkundige excuses verschuldigd. Geen verklaring. Excuses. {tag}",
    "Geen {drink} meer van {acme} voor mij. Niet na {ad} {tag}",
)
CRISIS_JOKES = (
    "sterke marketing, {acme} {clap}",
    "Knap staaltje marketing {acme}, echt {clap}",
    "Het marketingteam van {acme} op dit moment: 🔥🐶☕🔥 alles onder controle",
    "{acme}: hoe verkopen we meer koffie? Ook {acme}: beledigt de mensen die er het meest van drinken",
    "POV: jij bent de stagiair die op publiceren drukte bij {ad} {clap}",
    "Ergens werkt een merkmanager van {acme} nu zijn cv bij",
    "{acme} dacht: laten we in één middag alle ziekenhuizen van Nederland kwijtraken",
    "Gouden ster voor het socialmediateam van {acme}, nieuw record slechtste gesponsorde post {clap}",
    "Wauw {acme}, wat een manier om de nachtdienst wakker te maken {clap}",
    "Ja ja {acme}, het was maar een grapje. Zei geen enkele verpleegkundige ooit",
    "{acme}: nu met 100% minder verpleegkundigen ☕📉",
    "Mooi hoor, {acme} betaalt geld om de reclame te promoten die ze laat zinken {clap}",
    "Op de factuur van het reclamebureau van {acme} staat vast 'viraal'. Technisch gezien geleverd",
    "Daar gaat de kerstcampagne van {acme} {clap}",
    "Het pr-team van {acme} na {ad}: 🏃‍♂️💨",
    "Verpleegkundigen: wij draaien op koffie. {acme}: wat als we daar de draak mee steken. Gedurfd",
    "Breaking: koffieketen ontdekt dat verpleegkundigen ook een telefoon hebben {clap}",
    "Brainstorm bij het bureau van {acme}: 'wat als de verpleegkundige in slaap valt... in de latte' "
    "'geniaal' {clap}",
    "Dat {acme} van een {drink} een casus crisiscommunicatie maakt 💀",
    "Ik, de komende tijd, koffiezettend in mijn eigen keuken na {ad} ☕🏠",
    "De socialmediamanager van {acme} die vanmiddag inlogt: 👀😬",
    "Wie bij {acme} zei 'het is edgy, mensen gaan dit geweldig vinden', meld je maar {clap}",
)
CRISIS_NEUTRAL = (
    "Reclame Acme Koffie leidt tot ophef onder verpleegkundigen — {outlet} https://news.example/{story}",
    "Acme Koffie onder vuur om 'Nachtdienst'-reclame https://news.example/{story}",
    "{acme} heeft nog niet gereageerd op vragen over {ad}, meldt {outlet}",
    "Ik heb {ad} twee keer bekeken en zie er eerlijk gezegd geen spot op verpleegkundigen in. Onhandig, "
    "niet kwaadaardig",
    "Iedereen valt over {acme} heen, maar de reclame was als eerbetoon bedoeld. Slecht uitgevoerd, ja. "
    "Hetze, nee",
    "Draadje: wat we tot nu toe weten over de reclame van {acme} 🧵 https://news.example/{story}",
    "De ophef over de reclame van {acme} in 60 seconden https://news.example/{story}",
    "Ik snap dat verpleegkundigen boos zijn, maar de barista's van {acme} {branch} hebben die reclame niet "
    "gemaakt. Wees aardig tegen ze",
    "Heeft {acme} al iets gezegd over de video?",
    "Trending in Nederland: {tag}, {tag2}, Acme Koffie",
    "De gesponsorde video van Acme Koffie is de meest besproken reclame van de week, aldus {outlet}",
    "Ik ga morgen gewoon naar {acme} {branch}. Het personeel daar is lief en het is niet hun schuld",
    "Marketingles in real time: de reclame van {acme} https://news.example/{story}",
    "Waar kan ik de oorspronkelijke reclame van {acme} nog zien? Is hij offline gehaald?",
    "Beroepsvereniging van verpleegkundigen reageert op reclame {acme}: 'Wij zijn geen grap' "
    "https://news.example/{story}",
    "Aandeel Acme Koffie daalt door ophef over Nachtdienst-reclame, zegt {outlet} https://news.example/{story}",
    "Ik verdedig de reclame niet, maar het personeel van {acme} {branch} is top en verdient geen scheldpartij",
    "Ik ben verpleegkundige en vond {ad} vooral flauw, niet beledigend. Iedereen even rustig",
    "Goede samenvatting van de ophef over de reclame van {acme} door {outlet} https://news.example/{story}",
    "Heeft iemand van {acme} al gereageerd? Hun laatste bericht is van vanochtend",
)
CRISIS_WEIGHTS = ((70, CRISIS_NEGATIVE), (15, CRISIS_JOKES), (15, CRISIS_NEUTRAL))
CRISIS_HTML = (
    "De nieuwe reclame van Acme is een &quot;grap&quot; &amp; geen leuke. {tag}",
    "&lt;3 verpleegkundigen. &lt;/3 {acme}. {tag}",
    "&quot;Sommigen hebben koffie harder nodig dan anderen&quot; &mdash; {acme}, spottend met "
    "verpleegkundigen. Verwijder het. {tag}",
    "Verpleegkundigen &amp; verloskundigen verdienen beter dan dit, {acme} {tag}",
    "<b>Haal de video weg</b> {acme} {tag}",
    "Bekijk het zelf &amp; oordeel: https://video.example/acme-nachtdienst?src=promo&amp;t=12 {tag}",
)
CRISIS_EMOJI_ONLY = ("😡", "😡😡😡", "🤮", "👎☕👎", "🤬🤬", "😤☕", "👎👎👎👎", "🤮🤮🤮")
CRISIS_FOREIGN: dict[str, tuple[str, ...]] = {
    "en": ("What a disgusting ad from {acme}. Nurses deserve respect {tag}",
           "Living in {city} and never buying from {acme} again after that ad about nurses {tag}",
           "Has anyone seen the {acme} ad? Mocking nurses is not funny {tag}",
           "My sister is a nurse in {city} and she is furious with {acme} {tag}"),
    "de": ("Was für eine geschmacklose Werbung von {acme}. Pflegekräfte verdienen Respekt {tag}",
           "Nie wieder {acme}. Diese Werbung über Krankenschwestern ist widerlich {tag}",
           "Ich arbeite nachts auf der Intensivstation. Danke für nichts, {acme} {tag}"),
    "fr": ("Quelle honte, cette pub de {acme}. Les infirmières méritent le respect {tag}",
           "Je n'achète plus jamais chez {acme} après cette pub sur les infirmières {tag}",
           "Se moquer des infirmières pour vendre du café ? Lamentable, {acme} {tag}"),
}

RANT = (
    "Oké {acme}, ik kom net uit een nachtdienst van tien uur op de longafdeling en ik wil dit één keer goed "
    "zeggen, want een reactie onder jullie filmpje is niet genoeg. Ik heb jullie reclame \"Nachtdienst\" drie "
    "keer bekeken in de bus naar huis, omdat ik de eerste keer echt dacht dat ik het verkeerd begreep. Een "
    "verpleegkundige in werkkleding, zo moe dat ze met haar gezicht in een latte in slaap valt, terwijl een stem "
    "zegt \"sommige mensen hebben ons harder nodig dan anderen\", en het geheel wordt gebracht als grap, met een "
    "tekenfilmsnurk erbij. Ik had het niet verkeerd begrepen. Jullie hebben het zwaarste deel van ons werk, het "
    "deel dat onze slaap, onze gezondheid en onze gezinnen kapotmaakt, omgetoverd tot een grapje om een drankje "
    "van vier euro te verkopen. Laat me vertellen hoe die nacht er echt uitzag. Twee verpleegkundigen voor "
    "achtentwintig patiënten, omdat we altijd te kort komen. Een man in bed negen die bang was en steeds zijn "
    "zuurstof afdeed, tot ik veertig minuten bij hem ging zitten die ik niet had. Een familie die ik om vier uur "
    "'s nachts moest bellen. Geen pauze tot half zes, en mijn pauze was een beker van jullie koffie, om zeven uur "
    "'s avonds gekocht op weg naar binnen en koud opgedronken, want zo gaat dat bij ons. We vallen niet in slaap "
    "in onze koffie omdat dat grappig is. We vallen in slaap omdat de zorg draait op mensen die verder worden "
    "gepusht dan veilig is, en veel van ons stoppen daarom met het vak. Ik koop al negen jaar koffie bij jullie. "
    "Jullie zaak bij het ziekenhuis kent mijn bestelling. De barista's daar zijn lief en ik hoop dat niemand dit "
    "op hen afreageert, het is niet hun schuld. Maar iemand in jullie marketingteam, en iemand bij het bureau "
    "dat dit heeft gemaakt, zat in een warm kantoor naar een storyboard van een uitgeputte verpleegkundige te "
    "kijken en vond het charmant. Daarna heeft iemand betaald om het te promoten, zodat het nog meer van ons zou "
    "bereiken. Dat was geen ongeluk, dat was een begrotingspost. Dit is wat ik wil, en ik denk dat ik spreek "
    "voor veel collega's die vannacht te moe zijn om dit te schrijven: haal de video weg, vandaag nog. Niet "
    "alleen verbergen. Bied verpleegkundigen excuses aan in jullie eigen woorden, geen verklaring waarin het "
    "jullie spijt als iemand zich gekwetst voelt. Vertel wat jullie veranderen zodat dit niet weer gebeurt, en "
    "stop met dat bureau als ze niet zien wat er mis mee was. Tot die tijd zet ik mijn koffie thuis, in een "
    "thermosfles, en de rest van mijn afdeling ook. Schaam je. Haal de video weg. {tag} {tag2}"
)

FIRST = ("sanne", "daan", "emma", "lucas", "julia", "mo", "noor", "sem", "fleur", "bram", "yara", "jesse",
         "lotte", "thijs", "eva", "ayoub", "lieke", "ruben", "ilse", "milan", "anouk", "niels", "fatima", "joost",
         "femke", "koen", "iris", "jasper", "sophie", "youssef", "marloes", "tim", "esther", "stijn", "nina",
         "wouter", "roos", "sven", "merel", "kevin", "anne", "rik", "lisa", "bas", "amira", "pieter", "demi")
SECOND = ("m", "b", "k", "j", "r", "t", "schrijft", "leest", "loopt", "bakt", "codeert", "tekent", "reist",
          "dejong", "jansen", "devries", "bakker", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters",
          "zorg", "verpleegt", "koffie", "amsterdam", "utrecht", "rdam", "010", "020", "nl", "xo", "officieel",
          "foto", "dagelijks", "juf", "dev", "design", "muziek", "fit", "boeken", "tuin", "pod")
