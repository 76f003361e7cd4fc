"""The words of the demo's mention stream: slots, ordinary and crisis templates, spam, the rant, handles.

Used by make_demo_mentions.py (which says what the story is); all texts are written for this project. The Dutch
stream's words, under the same names, are in demo_mention_texts_nl.py.
"""

LANGUAGE = "en"
ZONE = "UTC"
"""The clock the daily rhythm and the time-of-day phrases follow (Acme's shops are in the UK)."""
FOREIGN_SHARE = 0.03
CRISIS_FOREIGN_SHARE = 0.04
ENGLISH_ARTICLES = True  # "a" before a vowel becomes "an"

# --- slots ---------------------------------------------------------------------------------------

SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme", "Acme Coffee", "Acme Coffee", "@AcmeCoffee", "@AcmeCoffee", "#AcmeCoffee"),
    "drink": ("flat white", "oat latte", "cortado", "cold brew", "gingerbread latte", "chai latte",
              "hot chocolate", "cappuccino", "americano", "mocha", "matcha latte", "caramel macchiato",
              "pumpkin spice latte", "double espresso", "iced latte", "maple pecan latte", "filter coffee",
              "toffee nut latte", "decaf flat white", "spiced apple chai", "hazelnut mocha", "piccolo"),
    "food": ("cinnamon bun", "almond croissant", "banana bread", "cheese toastie", "blueberry muffin",
             "bacon roll", "pain au chocolat", "lemon drizzle", "brownie", "mince pie", "porridge pot",
             "halloumi wrap", "ham and cheese croissant", "flapjack"),
    "branch": ("Camden", "Leeds station", "Market Street", "High Street", "Deansgate", "Clifton",
               "King's Cross", "Jericho", "Bold Street", "Broadway", "Canary Wharf", "Stokes Croft",
               "George Square", "Gatwick North", "Queen Street", "Brixton", "Meadowhall", "Mill Lane",
               "Piccadilly", "Woodhouse Lane", "University Road", "Harbourside"),
    "barista": ("Priya", "Tom", "Jess", "Marco", "Aisha", "Ben", "Lucia", "Sam", "Kofi", "Hannah",
                "Dev", "Niamh", "Oli", "Zara", "Callum", "Mei"),
    "friend": ("my mum", "my sister", "my flatmate", "my boss", "my gran", "the whole team", "my kids",
               "my partner", "my dad", "my best mate", "the book club", "my study group"),
    "moment": ("on my day off", "while it poured outside", "with the dog", "in the rain"),
    "minutes": ("15", "20", "25", "20", "30", "35"),
    "price": ("3.95", "4.10", "4.25", "4.40", "4.65", "4.80"),
    "size": ("small", "regular", "large"),
    "milk": ("oat milk", "oat milk", "almond milk", "soy milk", "lactose-free milk"),
    "app_thing": ("the loyalty app", "the Acme app", "the app", "the Acme Rewards app"),
    "stamps": ("stamps", "stars", "points"),
    "good": ("lovely", "spot on", "perfect", "so good", "excellent", "gorgeous", "really good", "amazing"),
    "pos_emoji": ("☕", "☕", "😍", "🙌", "👌", "❤️", "😊", "✨", "🤎", "🧡"),
    "neg_emoji": ("😩", "🙄", "😒", "😤", "😕", "🫠"),
    "wrong_name": ("Jon", "Shiv", "Eve", "Neve", "Gem", "Ollie", "Rory"),
    "real_name": ("Siobhan", "Niamh", "Aoife", "Saoirse", "Gráinne", "Ruairí", "Caoimhe"),
    "tag": ("#coffee", "#coffeetime", "#latteart", "#flatwhite", "#caffeinated", "#coffeelover",
            "#morningcoffee", "#AcmeCoffee"),
}

# {moment} by UTC hour: (first hour, last hour, phrases); the slot's own phrases fit any time.
MOMENTS = (
    (5, 10, ("this morning", "before work", "on the way to the station", "after my run", "before my shift",
             "after the school run")),
    (11, 13, ("on my lunch break", "at lunch", "between meetings")),
    (14, 17, ("this afternoon", "between meetings", "on my afternoon break", "after the school run")),
    (18, 22, ("this evening", "after work", "before my night shift")),
    (23, 23, ("on my night shift break", "after a late shift", "at silly o'clock")),
    (0, 4, ("on my night shift break", "after a late shift", "at silly o'clock")),
)

# Ordinary mentions: (weight, templates). Most are neutral or positive; the complaints ~17%.
PRAISE = (
    "The {drink} at {acme} {branch} is {good} today",
    "{barista} at {acme} {branch} remembered my order without me saying a word. Small things, big difference",
    "Shout out to {barista} at {acme} {branch} for the latte art {pos_emoji}",
    "Best {drink} I've had in ages. Well done {acme}",
    "{acme} {drink} and a {food}. That's me sorted {pos_emoji}",
    "Whoever came up with the {drink} at {acme}, thank you",
    "The {food} at {acme} {branch} was still warm. Perfect {pos_emoji}",
    "{acme} staff at {branch} were so friendly {moment}",
    "Best part of my day: a {drink} from {acme} {moment}",
    "Tried the new {drink} at {acme}. It's {good}",
    "Honestly the {barista} at {acme} {branch} deserves a pay rise, queue gone in minutes",
    "Took {friend} to {acme} {branch} and now they're hooked on the {drink}",
    "{acme} got my {drink} exactly right, extra hot with {milk}. Love it",
    "Little {acme} date with {friend}, {drink} and {food} {pos_emoji}",
    "The cosy corner at {acme} {branch} is my new office",
    "{drink} from {acme} is the only reason I survived this week",
    "The {drink} at {acme} tastes like Christmas came early {pos_emoji}",
    "Kudos to the {acme} {branch} team, busy as anything and still smiling",
    "{acme} {branch} playing jazz and serving a {good} {drink}. Happy",
    "Can't beat the {food} at {acme}. Well done whoever bakes them",
)
NEUTRAL = (
    "Grabbing a {drink} at {acme} {branch} {moment}",
    "At {acme} {branch} with {friend}",
    "Working from {acme} {branch} today, the wifi is fine",
    "{acme} {branch} is rammed, everyone had the same idea",
    "Usual {drink} at {acme} {moment}",
    "Meeting {friend} at {acme} {branch} at 3",
    "Popped into {acme} for a {drink} and a {food}",
    "{acme} {branch} has put the Christmas cups out already",
    "First {drink} of the day from {acme}",
    "Quick {drink} at {acme} before the train",
    "{acme} on {branch} is changing its opening times next week, fyi",
    "Writing my essay in {acme} {branch}. Third {drink}. Send help",
    "Saw the new {acme} winter menu, the {drink} is back",
    "Raining, so it's a {drink} at {acme} kind of day",
    "{acme} {drink} in one hand, umbrella in the other",
    "Standing order at {acme}: {size} {drink}, {milk}",
    "My {acme} order says a lot about me: {size} {drink} and a {food}",
)
QUESTIONS = (
    "Are you open on Sunday, {acme} {branch}?",
    "Does {acme} {branch} have {milk} today?",
    "What time does {acme} {branch} close tonight?",
    "Is the {drink} at {acme} vegan if I swap to {milk}?",
    "Is the {drink} back at {acme} or was that last year?",
    "Does anyone know if {acme} {branch} has plug sockets?",
    "Can I use my {stamps} from {app_thing} in any {acme}?",
    "Which {acme} near {branch} has seats to work from?",
    "Do {acme} gift cards work on {app_thing} too?",
    "Does {acme} do a decaf version of the {drink}?",
    "Is {acme} {branch} dog friendly?",
    "Do you still get a free {drink} for ten {stamps} at {acme}?",
)
LOYALTY = (
    "{app_thing} just gave me a free {drink}. {acme} I love you",
    "Nine {stamps} down, one to go. {acme} free {drink} here I come",
    "Birthday {drink} from {acme} via {app_thing} {pos_emoji}",
    "Order ahead on {app_thing} is a game changer, my {drink} was ready the second I walked into {acme} {branch}",
    "Double {stamps} week on {app_thing}, {acme} knows how to get me",
    "Finally redeemed my {stamps} at {acme} for a {food}",
    "Just realised {app_thing} counts every {drink} I've had this year. {acme} keep that between us",
)
JOKES = (
    "My blood type is {acme} {drink}",
    "Me: I should save money. Also me: {size} {drink} at {acme}",
    "The {acme} barista wrote my name as {wrong_name}. It is {real_name}. Close enough",
    "Relationship status: committed to the {acme} {drink}",
    "I don't have a coffee habit, I have an {acme} loyalty card",
    "If the {acme} {branch} staff know your order before you speak, is that love",
    "{acme} should just give me my own desk at {branch}",
    "My step count today is mostly walking to {acme} {branch} and back",
    "Told my doctor I'm down to three {acme} {drink}s a day. Technically true",
)
COMPLAINTS = (
    "{minutes} minute queue at {acme} {branch} {moment}. Love the coffee but come on",
    "Ordered a {drink} at {acme} and got a {drink2}. Again",
    "{app_thing} crashed right as I tried to pay at {acme}. Had to dig out my card like it's 2015",
    "No {milk} at {acme} {branch} for the third day running {neg_emoji}",
    "When did a {size} {drink} at {acme} get to £{price}? Too expensive now",
    "My {drink} from {acme} was stone cold by the time they called my name. Disappointing",
    "{acme} {branch} wifi down again, how am I meant to pretend to work",
    "{app_thing} says I have 0 {stamps}. I've had six coffees this week. {acme} please fix this",
    "Price of a {drink} at {acme} went up again. £{price} now {neg_emoji}",
    "Waited {minutes} minutes for a {drink} at {acme} {branch} and it was lukewarm",
    "The {food} at {acme} {branch} was stale today, disappointed",
    "{acme} {branch} out of {food}s by 10am. Every time",
    "Why does {app_thing} log me out every single time? {acme}",
    "Cold latte, wrong milk, long queue. Not {acme}'s finest hour {neg_emoji}",
    "{acme} {branch} tables were sticky and the bins overflowing. Not great",
    "Mobile order at {acme} sat on the counter for ages, my {drink} was freezing",
    "Asked for {milk} at {acme} and got regular milk. Not impressed",
)
ORDINARY = ((34, PRAISE), (24, NEUTRAL), (10, QUESTIONS), (8, LOYALTY), (7, JOKES), (17, COMPLAINTS))

FOREIGN_SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme Coffee", "@AcmeCoffee"),
    "drink": ("flat white", "cappuccino", "cortado", "chai latte", "cold brew", "latte macchiato"),
    "nl_city": ("Amsterdam Zuid", "Utrecht Centraal", "Rotterdam", "Den Haag", "Haarlem"),
    "es_city": ("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"),
    "de_city": ("Berlin Mitte", "Hamburg", "München", "Köln", "Frankfurt"),
    "nl_tag": ("#koffie", "#AcmeCoffee", "#goedemorgen", ""),
    "es_tag": ("#café", "#AcmeCoffee", "#buenosdías", ""),
    "de_tag": ("#Kaffee", "#AcmeCoffee", "#Kaffeepause", ""),
    "tag": ("#BoycottAcme", "#NursesDeserveBetter", "#AcmeAd", ""),
}
FOREIGN: dict[str, tuple[str, ...]] = {
    "nl": (
        "Heerlijke {drink} gehaald bij {acme} in {nl_city} {nl_tag}",
        "Waarom is er nooit havermelk bij {acme} in {nl_city}? Elke ochtend hetzelfde",
        "{acme} {nl_city} is echt gezellig, ik kom hier elke zaterdag {nl_tag}",
        "Weet iemand of {acme} in {nl_city} op zondag open is?",
        "De barista bij {acme} {nl_city} maakte een hartje in mijn {drink}, zo lief",
        "Lange rij bij {acme} in {nl_city} vanochtend, maar de koffie was het waard",
        "Even een {drink} halen bij {acme} voor het werk {nl_tag}",
        "De nieuwe wintermenukaart van {acme} is er, de {drink} met kaneel is top",
    ),
    "es": (
        "El {drink} de {acme} en {es_city} está buenísimo {es_tag}",
        "{acme} en {es_city} siempre tiene cola, pero vale la pena",
        "¿Alguien sabe si {acme} abre los domingos en {es_city}?",
        "Me encanta el café de {acme}, pero está un poco caro {es_tag}",
        "Desayuno en {acme} {es_city} con mi hermana, todo perfecto",
        "La app de {acme} no funciona otra vez, qué rabia",
        "Un {drink} de {acme} y a trabajar {es_tag}",
        "Las camareras de {acme} en {es_city} son majísimas",
    ),
    "de": (
        "Der {drink} bei {acme} in {de_city} ist richtig gut {de_tag}",
        "Warum ist die Schlange bei {acme} am Bahnhof in {de_city} immer so lang?",
        "{acme} in {de_city} hat endlich Hafermilch, danke!",
        "Gemütlicher Nachmittag bei {acme} mit einem Stück Kuchen {de_tag}",
        "Die {acme} App stürzt ständig ab, bitte reparieren",
        "Hat {acme} in {de_city} am Sonntag geöffnet?",
        "Schnell noch einen {drink} bei {acme} vor der Arbeit {de_tag}",
        "Der Barista bei {acme} {de_city} hat sich meinen Namen gemerkt, wie nett",
    ),
}

# --- the spam burst ------------------------------------------------------------------------------

SPAM_OPENERS = ("Win a free Acme Coffee gift card!!!", "WIN a FREE Acme Coffee gift card!!!",
                "Win a free Acme Coffee gift card!!")
SPAM_MIDDLES = ("Click here", "click here", "Click now", "Click here to claim")
SPAM_ENDS = ("#giveaway #AcmeCoffee", "#giveaway #free #AcmeCoffee", "#AcmeCoffee #giveaway")
SPAM_EMOJI = ("🎁", "🎉", "💰", "☕🎁", "🔥")
SPAM_WORDS = ("gift", "win", "promo", "deal", "free", "prize", "bonus", "claim")

# --- the crisis ----------------------------------------------------------------------------------

CRISIS_SLOTS: dict[str, tuple[str, ...]] = {
    "acme": ("Acme", "Acme Coffee", "@AcmeCoffee", "@AcmeCoffee", "@AcmeCoffee"),
    "ad": ("the new ad", "that ad", "the Night Shift ad", "your ad", "this ad", "the ad", "the advert",
           "the promoted video", "your new video"),
    "nurse": ("an ICU nurse", "an A&E nurse", "a night-shift nurse", "a paediatric nurse", "a midwife",
              "a district nurse", "a nursing student", "an oncology nurse", "a care home nurse",
              "a theatre nurse", "a mental health nurse", "a neonatal nurse"),
    "family": ("My mum is a nurse", "My wife is a nurse", "My sister is a nurse", "My husband is a nurse",
               "My daughter is a nurse", "My best friend is a nurse", "My dad was a nurse for 30 years"),
    "years": ("6", "9", "12", "15", "20", "23", "31"),
    "hours": ("12", "12", "13", "14"),
    "tag": ("#BoycottAcme", "#BoycottAcme", "#NursesDeserveBetter", "#AcmeAd", "#DeleteTheAd",
            "#NightShift", "#BoycottAcmeCoffee"),
    "angry": ("😡", "🤬", "🤮", "👎", "😤", "🙄", "💔"),
    "clap": ("👏", "👏👏", "👏👏👏", "🙃"),
    "ward": ("ICU", "A&E", "maternity", "children's", "stroke", "respiratory", "surgical", "cardiac"),
    "outlet": ("The Daily Brew", "Retail Weekly", "Marketing Today", "the Evening Post", "City News",
               "AdWatch", "Brand Monitor"),
    "story": ("acme-ad-backlash", "acme-coffee-nurses-ad", "acme-night-shift-advert", "coffee-chain-ad-row",
              "acme-ad-nurses-anger"),
    "drink": SLOTS["drink"],
    "branch": SLOTS["branch"],
}
CRISIS_NEGATIVE = (
    "Just watched {ad} from {acme}. Mocking nurses who work {hours}-hour night shifts? Disgusting. {tag}",
    "I'm {nurse}. I drink your coffee at 3am because I have to, not because it's funny. Delete the video {acme}",
    "Never again, {acme}. Never again. {tag}",
    "Whoever approved {ad} should be fired. And fire the agency while you're at it {acme}",
    "Disgusting ad. Deleted {app_thing} and cut up my loyalty card. {tag}",
    "{family}. She watched {ad} on her break and cried. Shame on you {acme}",
    "{acme} thinks exhausted nurses are a punchline. Boycott. {tag}",
    "Delete the video and apologise properly, {acme}. This is shameful {tag}",
    "I've bought a {drink} at {acme} {branch} every day for years. Not any more. {tag} {angry}",
    "{years} years a nurse and I've never felt so mocked by a coffee brand. Done with {acme}",
    "Nurses kept this country going through the pandemic and {acme} makes us the joke. Unbelievable {angry}",
    "Absolutely disgusting ad from {acme}. Mocking nurses is not funny {tag}",
    "Boycotting {acme} until {ad} is gone and someone apologises {tag}",
    "Who at {acme} watched {ad} and thought yes, this is fine? Awful. Fire the agency",
    "Not a single {acme} coffee in our ward from today. We've switched. {tag}",
    "That {acme} ad is vile. Nurses asleep in a latte as a joke? {tag} {angry}",
    "My whole team of nurses just cancelled our {acme} order for the night shift. {tag}",
    "Shameful. {acme}, take down {ad} and donate to a nurses' charity {tag}",
    "The comments under {ad} are full of nurses telling you how hurt they are {acme}. Are you listening?",
    "Shocked at {acme}. {ad} mocks the people who look after us. Never buying from you again",
    "{acme} silence is deafening. Delete the video. {tag}",
    "The Night Shift ad is the most tone-deaf thing I've seen all year. {acme} should be ashamed {angry}",
    "Nurses on {hours}-hour shifts are not your marketing gimmick {acme}. {tag}",
    "I work nights in A&E. {acme}, I'm done with you. {tag}",
    "Hey {acme}, nurses are not a joke. Pull {ad} now {angry}",
    "Unfollowed {acme}, deleted the app, binned my loyalty card. {tag}",
    "Appalling. {acme} paid to promote {ad}. That was a choice. {tag}",
    "Never setting foot in {acme} {branch} again after {ad}. {tag}",
    "This isn't cancel culture, {acme}. It's nurses telling you that you hurt them. Listen. {tag}",
    "Sharing so everyone sees what {acme} thinks of nurses. {tag} {angry}",
    "Called {acme} customer service about {ad}, got a copy-paste reply. Pathetic {tag}",
    "Student nurse here. Three placements, unpaid, and {acme} laughs at us. Never again {tag}",
    "{ad} is insulting to every nurse who has ever worked a night shift. Boycott {acme}",
    "{acme} you should be embarrassed. Take it down. {tag}",
    "Whoever signed off {ad} has clearly never met a nurse. Disgraceful {acme}",
    "Really angry about {ad}. {family} and {acme} just lost our family's business",
    "Pulling our hospital's coffee order from {acme} {branch}. Not with that ad {tag}",
    "So {acme} sponsors nurse awards in the spring and mocks them in winter? Hypocrites {tag}",
    "Watching {ad} felt like a slap in the face after a {hours}-hour shift. {acme} {angry}",
    "Disgusting ad. Boycott {acme}. Pass it on {tag}",
    "My colleagues on the {ward} ward are livid about {ad}. {acme} you've lost all of us {tag}",
    "I used to love {acme}. After {ad}? Never again {angry}",
    "Just emptied my {acme} app balance and deleted my account. {tag}",
    "{ad} is what happens when nobody in the room has ever done a night shift. Disgraceful {acme}",
    "Nurses are exhausted because of understaffing, not as a punchline for your {drink}s {acme} {tag}",
    "Boycott {acme}. Buy your nurse friends a coffee somewhere else today {tag}",
    "Honestly sick of brands like {acme} using nurses when it suits them. Delete it {tag}",
    "Saw {ad} between patients. Had to go and sit in the sluice for a minute. Thanks {acme} {angry}",
    "Hospital staff get a discount at {acme} and they still made that ad? Insulting {tag}",
    "{acme} fire the agency, apologise to nurses, and maybe we'll talk. Until then, no {tag}",
    "{acme} owes every nurse an apology. Not a statement. An apology. {tag}",
    "No more {drink}s from {acme} for me. Not after {ad} {tag}",
)
CRISIS_JOKES = (
    "great marketing, {acme} {clap}",
    "Great marketing {acme}, truly {clap}",
    "{acme} marketing team right now: 🔥🐶☕🔥 this is fine",
    "{acme}: how do we sell more coffee? Also {acme}: insults the people who drink the most of it",
    "POV: you're the intern who pressed publish on {ad} {clap}",
    "Somewhere an {acme} brand manager is updating their CV",
    "{acme} really said let's lose every hospital in the country in one afternoon",
    "Gold star for the {acme} social team, new record for the worst promoted post {clap}",
    "Wow {acme}, what a way to wake up the night shift {clap}",
    "Yeah right {acme}, it was just a joke. Said no nurse ever",
    "{acme}: now with 100% fewer nurses ☕📉",
    "Gotta love {acme} spending money to promote the ad that's sinking them {clap}",
    "The {acme} ad agency invoice must say 'viral' somewhere, technically they delivered",
    "So much for the {acme} Christmas campaign {clap}",
    "{acme} PR team after {ad}: 🏃‍♂️💨",
    "Nurses: we run on coffee. {acme}: what if we made fun of that. Bold strategy",
    "Breaking: local coffee chain discovers nurses have phones {clap}",
    "{acme} ad agency pitch meeting: 'what if the nurse is asleep… in the latte' 'genius' {clap}",
    "Not {acme} turning a {drink} into a crisis comms case study 💀",
    "Me making coffee at home for the foreseeable after {ad} ☕🏠",
    "{acme} social media manager logging on this afternoon: 👀😬",
    "Whoever at {acme} said 'it's edgy, people will love it' please come forward {clap}",
)
CRISIS_NEUTRAL = (
    "Acme Coffee ad sparks backlash from nurses — {outlet} https://news.example/{story}",
    "Acme Coffee under fire over 'Night Shift' ad https://news.example/{story}",
    "{acme} has not yet responded to requests for comment about {ad}, {outlet} reports",
    "Honestly I watched {ad} twice and I don't read it as mocking nurses. Clumsy, not malicious",
    "Everyone piling on {acme}, but the ad was meant as a tribute. Badly done, yes. Hate campaign, no",
    "Thread: what we know so far about the {acme} ad 🧵 https://news.example/{story}",
    "The {acme} ad row, explained in 60 seconds https://news.example/{story}",
    "I get why nurses are upset, but the {acme} {branch} baristas didn't make the ad. Be kind to them",
    "Has {acme} said anything yet about the video?",
    "Trending in the UK right now: {tag}, {tag2}, Acme Coffee",
    "Acme Coffee's promoted video is now the most-discussed ad of the week, per {outlet}",
    "Still going to {acme} {branch} tomorrow. The staff there are lovely and it's not their fault",
    "Marketing lesson in real time: the {acme} ad https://news.example/{story}",
    "Where can I see the original {acme} ad? Was it taken down?",
    "Nursing union responds to {acme} ad: 'We are not a punchline' https://news.example/{story}",
    "{acme} shares fall on the Night Shift ad row, {outlet} says https://news.example/{story}",
    "Not defending the ad, but the {acme} {branch} staff are great and don't deserve abuse",
    "I'm a nurse and I found {ad} a bit silly, not offensive. Everyone needs to calm down",
    "Good summary of the {acme} ad controversy from {outlet} https://news.example/{story}",
    "Has anyone from {acme} actually commented yet? Their last post is from this morning",
)
CRISIS_WEIGHTS = ((70, CRISIS_NEGATIVE), (15, CRISIS_JOKES), (15, CRISIS_NEUTRAL))
CRISIS_HTML = (
    "Acme&#39;s new ad is a &quot;joke&quot; &amp; not a funny one. {tag}",
    "&lt;3 nurses. &lt;/3 {acme}. {tag}",
    "&quot;Some of us need coffee more than others&quot; &mdash; {acme}, mocking nurses. Delete it. {tag}",
    "Nurses &amp; midwives deserve better than this, {acme} {tag}",
    "<b>Delete the video</b> {acme} {tag}",
    "Watch it yourself &amp; decide: https://video.example/acme-night-shift?src=promo&amp;t=12 {tag}",
)
CRISIS_EMOJI_ONLY = ("😡", "😡😡😡", "🤮", "👎☕👎", "🤬🤬", "😤☕", "👎👎👎👎", "🤮🤮🤮")
CRISIS_FOREIGN: dict[str, tuple[str, ...]] = {
    "nl": ("Wat een walgelijke reclame van {acme}. Verpleegkundigen verdienen respect {tag}",
           "Ik koop nooit meer koffie bij {acme} na die reclame over verpleegkundigen {tag}",
           "Heeft iemand die reclame van {acme} gezien? Echt niet normaal {tag}",
           "Mijn zus werkt als verpleegkundige in {nl_city} en is woedend op {acme} {tag}"),
    "es": ("Qué vergüenza el anuncio de {acme}. Las enfermeras merecen respeto {tag}",
           "No vuelvo a comprar en {acme} después de ese anuncio {tag}",
           "Soy enfermera en {es_city} y el anuncio de {acme} me parece indignante {tag}",
           "¿Habéis visto el anuncio de {acme}? Burlarse de las enfermeras no tiene gracia {tag}"),
    "de": ("Was für eine geschmacklose Werbung von {acme}. Pflegekräfte verdienen Respekt {tag}",
           "Nie wieder {acme}. Diese Werbung über Krankenschwestern ist widerlich {tag}",
           "Ich arbeite nachts auf der Intensivstation in {de_city}. Danke für nichts, {acme} {tag}",
           "Die neue Werbung von {acme} macht sich über Pflegekräfte lustig. Peinlich {tag}"),
}
CRISIS_SLOTS["app_thing"] = ("the Acme app", "the app", "my Acme Rewards app")

RANT = (
    "Okay {acme}, I have just finished a thirteen-hour night shift on a respiratory ward and I need to "
    "say this properly, because a quote-post is not enough. I watched your \"Night Shift\" advert three "
    "times on the bus home, because the first time I honestly thought I had misunderstood it. A nurse, "
    "in scrubs, so tired that she falls asleep face first into a latte, while a voice says \"some "
    "people need us more than others\" and the whole thing is played for laughs with a cartoon snore. "
    "I did not misunderstand it. You took the single most exhausting part of our job, the part that "
    "wrecks our sleep, our health and our families, and you turned it into a gag to sell a four-pound "
    "drink. Let me tell you what the night actually looked like. Two nurses for twenty-eight patients "
    "because we are always short. A man in bed nine who was frightened and kept pulling his oxygen off "
    "until I sat with him for forty minutes I did not have. A family I had to phone at 4am. No break "
    "until 5:30, and my break was a cup of your coffee, bought at 7pm on the way in and drunk cold, "
    "because that is what we do. We are not falling asleep in our drinks because it is funny. We are "
    "falling asleep because the system runs on people like us being pushed past what is safe, and a "
    "lot of us are leaving the profession because of it. I have bought coffee from you for nine years. "
    "Your shop by the hospital knows my order. The baristas there are kind and I hope nobody takes "
    "this out on them, it is not their fault. But somebody in your marketing team, and somebody at "
    "whatever agency made this, sat in a warm office, looked at a storyboard of an exhausted nurse and "
    "thought it was charming. Then somebody paid to promote it, so it would reach more of us. That was "
    "not an accident, that was a budget line. Here is what I want, and I think I speak for a lot of my "
    "colleagues who are too tired to write this tonight: delete the video, today. Do not just hide "
    "it. Apologise to nurses in your own words, not a statement that says you are sorry if anyone was "
    "offended. Tell us what you will change so that this does not happen again, and drop the agency "
    "if they cannot see what was wrong with it. If you want to do something useful, put the money "
    "you spent promoting that ad into the nurses' hardship fund, where it might actually help someone "
    "pay for their commute. Until then I will be making my coffee at home in a flask, and so will "
    "most of my ward. I am not angry because I have no sense of humour. Nurses have the darkest sense "
    "of humour you will ever meet; it is how we survive. I am angry because the joke was on us, from "
    "a company that has been very happy to take our money at 6am for years. And before anyone replies "
    "that it was only an advert and we should lighten up: try telling that to the student nurse on my "
    "ward who watched it in the staff room at 2am, after her first death, and asked me quietly whether "
    "this is really what people think of us. Shame on you. Delete the video. {tag} {tag2}"
)

FIRST = ("sarah", "tom", "emma", "james", "olivia", "kofi", "priya", "liam", "chloe", "dan", "aisha",
         "ryan", "megan", "josh", "zoe", "ali", "hannah", "sam", "lucy", "matt", "grace", "ben", "nina",
         "jack", "amy", "leo", "ellie", "harry", "fatima", "owen", "katie", "rob", "isla", "raj", "beth",
         "callum", "mia", "joe", "rosie", "adam", "jade", "chris", "ruth", "sean", "holly", "nathan",
         "freya", "mo", "tash", "lewis", "anna", "dev", "sophie", "ikram", "cat", "alex", "jo", "yusuf")
SECOND = ("m", "b", "k", "j", "r", "t", "writes", "reads", "runs", "bakes", "codes", "draws", "travels",
          "smith", "jones", "taylor", "brown", "evans", "patel", "khan", "walsh", "hughes", "clarke",
          "nurse", "rn", "coffee", "london", "leeds", "mcr", "bristol", "uk", "xo", "official", "the_cat",
          "photo", "daily", "teacher", "dev", "design", "music", "fit", "books", "garden", "pod")

