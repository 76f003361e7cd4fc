"""Hand-written cues for how customers complain about any brand, which a general lexicon misses."""

from dataclasses import dataclass
from itertools import product

from crisis.monitor.mention_text import tokens as tokens_of

# Phrase syntax: lowercase words without apostrophes ("cant", "dont"), separated by spaces;
# "a|b" alternatives for one word; "word*" any word starting with "word"; "<num>" any number;
# a leading "^" only at the start of the mention.

# Each complaint kind: how negative one occurrence is (in VADER's valence units, where "bad" is
# -2.5) in a mention addressed to a brand, and the phrases that show it.
COMPLAINT_KINDS: dict[str, tuple[float, tuple[str, ...]]] = {
    "delay": (-1.5, (
        "delay*", "late", "later than", "behind schedule", "taking|takes|took forever",
        "still waiting|sitting|stuck|here|not|no|nothing|havent|hasnt|dont|cant|didnt|cannot",
        "havent|hasnt moved|left|arrived|boarded|departed|landed|taken off",
        "waiting", "waited", "wait time|times", "long wait", "keep|kept waiting",
        "still no|open|pending|nothing|unresolved|unanswered",
    )),
    "cancellation": (-1.5, ("cancel*",)),
    "lost_or_damaged": (-1.5, (
        "lost", "losing", "loosing", "loses", "lose", "missing", "misplaced", "damaged", "broken", "broke",
        "stolen", "stole", "destroyed", "ruined", "wrong", "never arrived|came|showed|received",
        "soaked", "dirty", "filthy", "stained", "smelly",
        "didnt arrive|come|show", "left behind", "thrown|throwing|threw around",
    )),
    "money": (-1.0, (
        "refund*", "reimburs*", "compensat*", "charged|charging me|us|twice|extra|again",
        "overcharg*", "double charged", "fee", "fees", "money back", "voucher*",
        "penaliz*", "penalt*", "you owe me|us", "hidden fee|fees|charge|charges", "price gouging",
        "paid|paying|pay extra|more", "cost me|us",
    )),
    "unreachable": (-2.0, (
        "on hold", "hold time|music", "hung up", "hang|hanging up", "disconnected",
        "busy signal", "cant|cannot|couldnt get through|ahold|hold|anyone|someone",
        "cant|cannot|couldnt reach|contact", "unable|impossible to reach|contact|get",
        "phone hold", "hold for", "hard|impossible to talk|reach|contact|get",
        "no one|nobody picks|picked|answers|answered",
    )),
    "no_response": (-2.0, (
        (
            "no|zero|without|never one|body|answer|answers|response|responses|reply|replies|help"
            "|update|updates|info|information|communication|callback|email|emails|explanation"
            "|apology|word|assistance|support|customer"
        ),
        "not a single", "never heard back", "havent heard", "nobody",
        "hasnt|havent responded|replied|answered|called", "ignor*", "unanswered",
        "not answering|responding|replying|helping", "no way to", "left us|me without|hanging",
        "not being|been responding|responsive|helpful|helped", "to no avail", "unhelpful",
        "received|got|but none", "left a|my|several|multiple message|messages|voicemail|voicemails",
        (
            "hasnt|havent|didnt|never contacted|called|emailed|responded|replied|answered"
            "|returned|gotten"
        ),
    )),
    "not_working": (-1.0, (
        "cant", "cannot", "couldnt", "unable to", "wont let", "not able to", "not letting",
        "doesnt|didnt work", "does|did not work", "isnt|not working|loading", "wont load",
        "keep|keeps saying|telling|crashing|failing|giving", "error*", "glitch*", "crash*",
        "is|was|went down", "wont", "will not",
        "site|app|website|system|page|wifi|link|kiosk down", "blank page|pages|screen",
        "keep|keeps|kept getting", "doesnt|didnt|wont|dont accept|register|recognize|show up",
        "takes|took|sends|sent me back", "no option|options", "not clear",
    )),
    "stranded": (-1.5, (
        "stuck", "stranded", "missed", "miss my|our|the", "overbooked", "oversold", "bumped",
        "downgraded", "denied", "refused", "rejected", "turned away", "sitting here|on|in|at",
        "wouldnt|didnt|wont let me|us|them", "would|did|will not let me|us|them",
        "sleep|sleeping|slept in|at|on the airport|station|terminal|floor|gate|car", "no seat|seats|room|space|gate|crew|pilot",
    )),
    "time_lost": (-1.0, (
        "<num> hour|hours|hr|hrs|h|minutes|mins|min|days|weeks", "hours", "an hour",
        "all day|night|morning", "overnight", "waste|wasted|wasting",
    )),
    "repeated": (-1.0, (
        "again", "every time", "everytime", "second|third|fourth|fifth time",
        "<num> st|nd|rd|th time", "in a row", "keeps happening", "yet another", "countless",
        "multiple times", "<num> times", "several|many|three|four|five times", "over and over",
    )),
    "verdict": (-1.5, (
        "worst", "terrible", "horrible", "horrendous", "horrid", "awful", "pathetic",
        "ridiculous", "unacceptable", "disgrac*", "incompeten*", "useless", "shameful",
        "shame on", "rude*", "unprofessional", "inexcusable", "appalling", "atrocious", "joke",
        "clown*", "suck*", "fail*", "nightmare", "mess", "disaster", "fiasco", "scam*",
        "rip off", "ripoff", "ripped off", "lied", "lying", "liar*", "wtf", "smh", "ugh*",
        "seriously", "disappoint*", "frustrat*", "annoy*", "angry", "furious", "upset", "livid",
        "poor", "poorly", "lousy", "sad", "bad", "hate", "unhappy", "fed up", "sick of",
        "tired of", "enough is enough", "embarrass*", "no excuse", "dont|doesnt care",
        "not happy|impressed|ok|okay|acceptable|cool|good|fair|right|great|fun|pleased",
        "zero|0|one|1 star|stars", "absurd", "outrag*", "greedy", "careless", "clueless",
        "nonsense", "crap*", "bs", "bullshit", "screw*", "hell", "not your finest|best",
        "lack of", "lacking",
        "bummer", "not cool", "worse", "mediocre", "subpar", "not worth", "waste of",
        "dissatisf*", "unfriendly", "unreliable", "inconvenien*", "unbelievable", "insane",
        "pissed", "shady", "misleading", "mislead*", "false", "disrespect*", "mistreat*",
        "treated like", "no respect", "uncomfortable", "cramped", "disgust*", "gross",
        "dont|doesnt really care", "could|couldnt care less", "care so little",
        "only|just care|cares about", "attitude", "unwilling", "stubborn", "confus*", "shocked",
        "fraud*", "downhill", "epicfail", "notcool", "shut up", "dropped call|calls", "freakin*",
        "pointless", "ashamed", "yelled", "yelling", "hates", "hated", "blame*", "worthless",
        "garbage", "trash", "junk", "dreadful", "miserable", "misery", "horrific", "painful", "hassle",
        "headache", "stress*", "chaos", "chaotic", "abysmal", "lame", "stupid", "dumb", "idiot*",
        "moron*", "shameless", "neglect*", "negligen*", "irresponsible", "inept", "amateur*",
        "sloppy", "dishonest", "deceptive", "cheated", "robbed", "extort*", "held hostage", "regret*",
        "bad experience", "worst experience", "poor service", "not helpful", "sigh", "meh",
        "shit*", "damn", "weak", "substandard", "nonexistent", "non existent", "badservice", "poorservice",
        "noanswer", "nohelp", "nothappy", "neveragain", "worstservice",
        "dont|doesnt|didnt give a", "needs improvement",
        # upset, let down, talked down to
        "bummed", "crying", "cried", "in tears", "gave|give|given|giving up", "insult*", "condescen*",
        "surly", "nasty", "hostile", "rushed", "scold*", "yelled at", "kicked me|us|them off|out", "kicked off",
        "less than friendly|helpful|pleasant|ideal|stellar|impressed|satisfied",
        "no better", "bait and|n switch", "bait switch", "cheat*", "anti consumer|customer",
        "standard|canned|automated|generic|scripted|same reply|replies|response|responses|answer",
        "copy and paste", "inconsisten*", "no consistency", "ridic*",
        "experienced|seen|had better", "should know better", "uncourte*", "maddening", "reconsider*",
        "reevaluat*", "officially done", "deserve better|more",
        # dirty
        "soaking", "vomit*", "roach*", "cockroach*", "bugs", "mold", "moldy", "filth",
    )),
    "leaving": (-2.5, (
        "never again", "not again",
        (
            "never fly|flying|use|using|buy|buying|book|booking|shop|order|ordering|recommend"
            "|recommending|choose|going|coming"
        ),
        "boycott*", "switching airlines|providers|brands|carriers|companies|banks",
        "business elsewhere", "lost a|my|our customer|business", "last time i|we", "no longer",
        "done with", "not coming back", "not flying|buying|using|ordering|shopping|booking with",
        "cancel* my account|membership|subscription|card", "think twice", "will never",
        "used to love|like|be|fly|trust", "competitor*", "other airlines|companies|carriers|brands",
        "instead of you",
        "go|going|went|take|taking|took elsewhere", "take|taking my business", "lost my business",
        "bye bye", "goodbye",
    )),
    "complaint_question": (-1.0, (
        "^why", "^how come",
        (
            "why is|are|do|does|did|would|cant|wont|isnt|arent|didnt|doesnt|dont|not|was|were"
            "|has|have|hasnt|havent|should|must|the|on|in"
        ),
        "how can|could|do|does|is|are|dare you|it|this|they|anyone|your",
        "how hard|long|many", "whats going on", "whats up with", "whats the deal|point",
        "whats wrong", "what is going on", "what is the point", "what is wrong", "what happened",
        "is this a joke", "are you serious|kidding", "really ?", "? ?", "? !", "! ?",
        "where is|are my|our", "when will", "what to do when",
        "what is|was the reason", "whats the reason", "what caused", "real reason", "what are my|our options",
    )),
    "expectation": (-1.0, (
        "supposed to", "should|could|would have", "shouldve", "couldve", "wouldve",
        "has|have yet to", "was|were told", "promised", "would be nice|great|good if",
        "i wish", "if only", "need|needs to improve|be better|do better|get better",
        "could be better", "room for improvement", "too long|much|many|expensive|slow|small",
        "not enough", "no crew|staff|agents|seats", "come on", "cmon",
        "as usual", "per usual", "typical", "just what i needed", "ill believe it when",
        "no heat|air|water|chairs|blankets|food|power|wifi|internet|signal|service|clue|idea|info",
        "wish they|you would|could", "should be more", "if you want to be helpful",
        "paid extra", "paid for",
        "too much to ask", "at this point", "get your act together", "get it together|right",
        "sort it out", "hire more|some", "train your|their", "answer the|your phone|phones",
        "pick up the|your phone|phones", "real|live person|human", "a human", "barely", "hardly",
        "took|takes|taking ages", "another airline|carrier|company|provider|brand",
        "you should", "you guys need", "you need to", "you could try", "you have to",
        "need to work on|fix|improve|train|hire|update|change", "learn from", "not even",
        "how about",
        "expected|expect more|better", "should be ashamed",
        # a burden the customer had to carry, a promise not kept, a customer who does not count
        "had to rebook|find|pay|buy|book|call|wait|sleep|drive|rent|take|beg|fight|chase|ask|go",
        "you get what you pay for", "keep|keeping|kept your|the|a promise",
        "not a priority", "less than willing", "not even trying", "not trying to",
        "expecting a credit|refund|voucher|call|response|reply", "no functioning|working",
        "longer than the", "stone age", "make your site|app|website better",
        (
            "no luggage|bags|bag|baggage|food|drinks|snacks|entertainment|tv|power|outlets|legroom"
            "|space|pillows|agent|agents"
        ),
    )),
    # Said to a brand, a negated or unfinished action ("didn't ship", "never served", "still",
    # "tried") mostly reports something that went wrong.
    "negated": (-0.75, (
        "not", "never", "doesnt", "dont", "didnt", "isnt", "arent", "wasnt", "werent", "hasnt",
        "havent", "hadnt", "wouldnt", "shouldnt", "no more|longer", "none", "nowhere",
        "still", "tried", "trying to", "yet",
    )),
    "service_context": (-0.75, (
        "customer service|care|support|relations", "complain*", "supervisor", "escalat*",
        "fix this|it|your", "do better", "step up", "get it together", "explain", "apolog*",
        "resolv*", "issue", "issues", "problem", "problems", "told me|us", "understaffed",
        "line", "queue", "nothing",
    )),
}

# Praise that a general lexicon misses.
PRAISE = (
    "cant wait", "cant beat", "cant thank", "looking forward", "real mvp",
    "you rock", "rock", "rocks", "kudos", "shout out", "shoutout", "props", "hats off",
    "above and beyond", "made my day", "lifesaver", "life saver", "thank you so much",
    "thanks so much", "thank you so so much", "much appreciated", "appreciate*", "well done",
    "great|good|nice|amazing|awesome job|work|service|crew|staff|team|flight|experience",
    "so|very|super helpful|quick|fast|nice|kind|friendly", "the best",
    "love you|it|this|that|flying|my|the|your|u", "luv*",
)
PRAISE_EMOJI = ("❤", "♥", "👏", "👍", "😍", "🙌", "😊", "☺", "😀", "😁", "💙", "💜", "😎", "🎉")
UPSET_EMOJI = (
    "😡", "😠", "😤", "😩", "😫", "😒", "🙄", "👎", "💔", "😢", "😞", "😕", "😖", "😣", "☹",
    "🤬", "😪", "🤦", "😔", "😑", "😓", "😟", "😥",
)
UPSET_EMOTICONS = (":(", ":-(", ":'(", ":/", ":-/")
UPSET_EMOJI_VALENCE = -1.5

# Sarcasm: praise words that mean the opposite.
SARCASM = (
    "thanks|thx for nothing|not|never|making|ruining|losing|wasting|leaving|ignoring",
    "thank you for nothing|not|never|making|ruining|losing|wasting|leaving|ignoring",
    "thanks for the delay|wait|runaround|headache",
    "thanks|thank you for the second|third|fourth|fifth|another|latest", "thanks a lot|again for nothing",
    "thanks but no thanks", "so much for",
    "yeah right", "said no one ever", "what a joke", "priceless", "gold star", "new record",
    "gotta love", "love how|being|waiting",
    "way to stick|ruin|lose|treat|go|make", "good try but", "nice try",
    "oh wait", "feel the love", "thanks for reminding", "surprise surprise", "big surprise",
    "what a surprise", "shocker", "go figure", "what else is new", "just great|perfect|wonderful|lovely",
    "lucky me|us",
    "real|very|how nice of you", "nice to know", "so funny that|how", "how convenient", "ever hear|heard of",
    "another great thing|job", "clearly i am|im|we are|were not",
)

# Phrases that look like a complaint but are not ("no problem", "on time", "cant complain").
NOT_COMPLAINTS = (
    "no problem|problems|issue|issues|worries|complaints|delay|delays|wait|hassle",
    "not a problem", "not bad", "never disappoints", "not late", "on time", "cant complain",
    "cant go wrong", "didnt disappoint", "not disappointed", "without a hitch",
    "wouldnt miss", "late night", "no longer delayed", "no disappointments",
    "thanks|thank you again", "see you again", "fly|flying with you again", "again soon",
    "never lets|let me|us down", "never had|have|has any|an issue|issues|problem|problems|trouble",
    "not opposed", "couldnt ask for more", "couldnt be happier", "no complaints",
)

# Requests for information or action: in a question with no verdict, upset, unanswered contact,
# sarcasm or praise, a delay, a cancellation or a fee is what the customer asks about, not what
# they complain of ("will my flight be cancelled?").
INQUIRIES = (
    "any chance|update|updates|news|word|info|information|idea|ideas",
    "what are the chances|odds", "is there a chance|way", "expected to be", "going to be",
    "will it|they|there|flights|my|the|our|i|we",
    "^can|could|may i|we|you", "^how do|can|would i|we", "^is it possible|ok|okay",
    "^do you|i|we", "^what is|are|does|do", "^where|when|which|who", "how is it|are things looking",
    "in case", "wondering", "i was wondering",
    "^any", "any delays|cancellations|issues|problems|changes",
)
_INQUIRY_OVERRULED_BY = frozenset(
    {"verdict", "no_response", "unreachable", "leaving", "repeated", "upset_emoji"}
)

# A question naming this many kinds of trouble ("any update on why my order is stuck and nobody
# replies?") reports them, however politely it asks; delays, cancellations and money, what customers
# ask about ("can I get a refund if I cancel?"), count as one.
_KINDS_THAT_MAKE_A_COMPLAINT = 2
_INQUIRY_TOPICS = frozenset({"delay", "cancellation", "money"})  # "can I get a refund if I cancel?"

_QUESTION_WORDS = frozenset((
    "who", "what", "when", "where", "which", "how", "is", "are", "can", "could", "do", "does",
    "did", "will", "would", "should", "may", "any", "has", "have",
))
_END = "\x00end"
_NUMBER = "<num>"
_TOKENS_KEPT = 100_000  # tokens whose trie nodes are remembered


@dataclass(frozen=True)
class Cues:
    """What the complaint rules found in one cleaned mention text."""

    complaints: tuple[str, ...]
    complaint_valence: float
    praise: bool
    sarcasm: bool
    question: bool
    inquiry: bool = False  # a question asking for information or action, not a complaint


def find_cues(text: str, text_tokens: list[str] | None = None) -> Cues:
    """The complaint kinds, praise, sarcasm and question form in cleaned `text` (of `text_tokens`)."""
    tokens = tokens_of(text) if text_tokens is None else text_tokens
    found = _MATCHER.kinds(tokens)
    complaints = tuple(kind for kind in COMPLAINT_KINDS if kind in found) if found else ()
    valence = sum(COMPLAINT_KINDS[kind][0] for kind in complaints) if complaints else 0
    if (not text.isascii() and any(emoji in text for emoji in UPSET_EMOJI)) or (
        ":" in text and any(emoticon in text for emoticon in UPSET_EMOTICONS)
    ):
        complaints += ("upset_emoji",)
        valence += UPSET_EMOJI_VALENCE
    question = "?" in tokens or (bool(tokens) and tokens[0] in _QUESTION_WORDS)
    sarcasm = "sarcasm" in found
    praise = "praise" in found or (
        not text.isascii() and any(emoji in text for emoji in PRAISE_EMOJI)
    )
    inquiry = (question and "inquiry" in found and not (sarcasm or praise)
               and _INQUIRY_OVERRULED_BY.isdisjoint(complaints)
               and _trouble_count(complaints) < _KINDS_THAT_MAKE_A_COMPLAINT)
    key = (complaints, valence, praise, sarcasm, question, inquiry)
    cues = _SHARED_CUES.get(key)  # one value per combination: a frozen dataclass costs more to make than to find
    if cues is None:
        if len(_SHARED_CUES) >= _TOKENS_KEPT:
            _SHARED_CUES.clear()
        cues = _SHARED_CUES[key] = Cues(complaints, valence, praise, sarcasm, question, inquiry)
    return cues


_SHARED_CUES: dict[tuple, Cues] = {}


def _trouble_count(complaints: tuple[str, ...]) -> int:
    """Kinds of trouble named, the usual topics of an inquiry counting as one."""
    topics = _INQUIRY_TOPICS.intersection(complaints)
    return len(complaints) - len(topics) + (1 if topics else 0)


class _PhraseMatcher:
    """Finds phrases in a token list: left to right, the longest phrase at each position wins."""

    def __init__(self, phrases_by_kind: dict[str, tuple[str, ...]]) -> None:
        self._anywhere: dict = {}
        self._at_start: dict = {}
        self._prefixes: dict[str, dict] = {}
        for kind, phrases in phrases_by_kind.items():
            for phrase in phrases:
                self._add(phrase, kind)
        self._prefix_tuple = tuple(self._prefixes)
        self._after: dict[str, tuple[dict, ...]] = {}  # token -> the trie nodes a phrase continues from

    def kinds(self, tokens: list[str]) -> set[str]:
        found: set[str] = set()
        after = self._after
        count = len(tokens)
        position = 0
        while position < count:
            token = tokens[position]
            nodes = after.get(token)
            if nodes is None:
                nodes = self._nodes_after(token)
            match = None  # the longest phrase starting here (the first found of equal ones)
            for node in nodes:  # none for most tokens
                # _walk(node, tokens, position + 1, 1), its first step here: most phrases end or fail at it
                kind = node.get(_END)
                if position + 1 < count:
                    following = tokens[position + 1]
                    child = node.get(following)
                    if child is None and following.isdigit():
                        child = node.get(_NUMBER)
                    if child is not None:
                        candidate = _walk(child, tokens, position + 2, 2)
                        if candidate is not None:
                            kind = None
                            if match is None or candidate[1] > match[1]:
                                match = candidate
                if kind is not None and match is None:
                    match = (kind, 1)
            if position == 0:
                start_match = _walk(self._at_start, tokens, 0)
                if start_match and (not match or start_match[1] > match[1]):
                    match = start_match
            if match is None:
                position += 1
            else:
                found.add(match[0])
                position += match[1]
        return found

    def _nodes_after(self, token: str) -> tuple[dict, ...]:
        """The trie nodes after `token` as a phrase's first word: itself (or a number), then its prefixes."""
        if len(self._after) >= _TOKENS_KEPT:
            self._after.clear()
        exact = self._anywhere.get(token)
        if exact is None and token.isdigit():
            exact = self._anywhere.get(_NUMBER)
        nodes = [] if exact is None else [exact]
        if token.startswith(self._prefix_tuple):
            nodes += [node for prefix, node in self._prefixes.items() if token.startswith(prefix)]
        self._after[token] = tuple(nodes)
        return self._after[token]

    def _add(self, phrase: str, kind: str) -> None:
        root = self._anywhere
        if phrase.startswith("^"):
            root, phrase = self._at_start, phrase[1:]
        for words in product(*(word.split("|") for word in phrase.split())):
            node = root
            for index, word in enumerate(words):
                if word.endswith("*"):
                    if index != 0 or root is not self._anywhere:
                        raise ValueError(f"'*' only on a phrase's first word: {phrase!r}")
                    node = self._prefixes.setdefault(word[:-1], {})
                else:
                    node = node.setdefault(word, {})
            node[_END] = kind


def _walk(node: dict, tokens: list[str], position: int, length: int = 0) -> tuple[str, int] | None:
    """The longest phrase in the trie `node` that continues at tokens[position]."""
    best = None
    count = len(tokens)
    while True:
        kind = node.get(_END)
        if kind is not None:
            best = (kind, length)
        if position >= count:
            return best
        token = tokens[position]
        child = node.get(token)
        if child is None and token.isdigit():
            child = node.get(_NUMBER)
        if child is None:
            return best
        node, position, length = child, position + 1, length + 1


_MATCHER = _PhraseMatcher(
    {kind: phrases for kind, (_, phrases) in COMPLAINT_KINDS.items()}
    | {"praise": PRAISE, "sarcasm": SARCASM, "not_complaint": NOT_COMPLAINTS, "inquiry": INQUIRIES}
)
