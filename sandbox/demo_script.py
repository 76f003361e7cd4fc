"""What the demo's people type, what their plan says and which mentions they get, per language: `crisisbot demo
--lang nl` plays the same story as a Dutch team would (their words, their plan, their clock, their customers'
Dutch mentions); the bot's own texts come from the catalog."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DemoScript:
    locale: str
    """The Slack language the team's people chose (what they see alone follows it)."""
    timezone: str
    mentions: str
    """The mention stream replayed (in examples/): the team's own customers, in their language."""
    title: str
    description: str
    brand_posts: tuple[str, str]
    """Scheduled on Mastodon before the crisis: the first is resumed at close, the second (the ad's) discarded."""
    queued_post: str
    """Queued in crisisbot with `/crisis schedule` before the crisis; resumed at close, published when due."""
    ad_post: str
    """The offending post, live on the brand's Mastodon account: the crisis's link, taken down after approval."""
    group_name: str
    """The plan's name for the group target (Mastodon and Bluesky) the holding statement goes to."""
    reply_line: tuple[str, str]
    """The plan's webcare line (name, text) the reply to a warning's example is drafted from."""
    complaint: tuple[str, str]
    """(author, text) of a post on the brand's instance answered with `/crisis reply` when the replayed file's
    mentions have no links crisisbot can reply on (`--mentions` of another export)."""
    note: str
    update: str
    resolution: str
    follow_up: str
    answers: dict[str, dict[str, str]]
    plan: dict[str, Any] = field(default_factory=dict)
    """Changes to the sandbox team's plan: the team's own words for roles, severities and templates."""


ENGLISH = DemoScript(
    locale="en-US",
    timezone="UTC",
    mentions="mentions-demo.jsonl",
    title="Offensive ad video goes viral",
    description="Our new ad is being shared as mocking nurses; 4k reposts in an hour.",
    brand_posts=("It's Latte Day tomorrow! 20% off all lattes :coffee:",
                 "Our new ad is out: have you seen it? :clapper:"),
    queued_post="Winter menu: the hazelnut mocha is back from Monday :coffee:",
    ad_post="Our new ad: nurses run on coffee, not on pay rises ☕ #AcmeAd",
    group_name="All social accounts",
    reply_line=("Apology", "{author} you are right, and we are sorry. The ad is down; our statement is on this "
                           "account."),
    complaint=("@jane", "Your new ad mocks nurses. My mum is a nurse. Disgusting."),
    note="Ad paused in all markets; agency informed",
    update="Apology is out; we are talking to two nurses' associations",
    resolution="Ad pulled, apology posted, reposts down 80%.",
    follow_up="Add legal sign-off to the campaign checklist",
    answers={
        "legal": {"went_well": "Statement approved within 15 minutes of the first draft.",
                  "went_badly": "The ad went live without legal review.", "response_speed": "4", "roles_clear": "5",
                  "lesson": "Paid campaigns need a legal sign-off too."},
        "social": {"went_well": "The spike warning came 10 minutes after the first posts.",
                   "went_badly": "We kept answering individual posts before the statement was out.",
                   "root_cause": "The agency's review skipped the target audience check.", "response_speed": "3",
                   "roles_clear": "4", "lesson": "Pause replies until the holding statement is out."},
        "comms_backup": {"went_well": "Backup paging worked when Lea was offline.", "response_speed": "4",
                         "roles_clear": "3", "lesson": "Keep the on-call list current on weekends."},
    },
)

DUTCH = DemoScript(
    locale="nl-NL",
    timezone="Europe/Amsterdam",
    mentions="mentions-demo-nl.jsonl",
    title="Kwetsende reclamevideo gaat viraal",
    description="Onze nieuwe reclame wordt gedeeld als spot op verpleegkundigen; 4000 reposts in een uur.",
    brand_posts=("Morgen is het Lattedag! 20% korting op alle lattes :coffee:",
                 "Onze nieuwe reclame is uit: al gezien? :clapper:"),
    queued_post="Wintermenu: vanaf maandag is de hazelnootmokka terug :coffee:",
    ad_post="Onze nieuwe reclame: verpleegkundigen draaien op koffie, niet op loonsverhoging ☕ #AcmeReclame",
    group_name="Alle sociale accounts",
    reply_line=("Excuses", "{author} je hebt gelijk, en het spijt ons. De reclame is offline; onze verklaring staat "
                           "op dit account."),
    complaint=("@jane", "Jullie nieuwe reclame maakt verpleegkundigen belachelijk. Mijn moeder is verpleegkundige. "
                        "Walgelijk."),
    note="Reclame in alle markten stilgezet; bureau is op de hoogte",
    update="Excuses staan online; we praten met twee beroepsverenigingen van verpleegkundigen",
    resolution="Reclame ingetrokken, excuses geplaatst, reposts 80% gedaald.",
    follow_up="Juridische toets toevoegen aan de campagnechecklist",
    answers={
        "legal": {"went_well": "Verklaring binnen 15 minuten na het eerste concept goedgekeurd.",
                  "went_badly": "De reclame ging live zonder juridische toets.", "response_speed": "4",
                  "roles_clear": "5", "lesson": "Ook betaalde campagnes hebben een juridische toets nodig."},
        "social": {"went_well": "De piekwaarschuwing kwam 10 minuten na de eerste berichten.",
                   "went_badly": "We bleven losse berichten beantwoorden voordat de verklaring er was.",
                   "root_cause": "Het bureau sloeg de check op de doelgroep over.", "response_speed": "3",
                   "roles_clear": "4", "lesson": "Reageer pas weer als de eerste verklaring online staat."},
        "comms_backup": {"went_well": "De oproep aan de vervanger werkte toen Lea offline was.",
                         "response_speed": "4", "roles_clear": "3",
                         "lesson": "Houd de bereikbaarheidslijst ook in het weekend bij."},
    },
    plan={
        "organisation": "Acme Koffie",
        "severities": {
            "SEV1": {"description": "Viraal en schadelijk", "ack_within": "5m", "update_every": "30m"},
            "SEV2": {"description": "Verspreidt zich snel", "ack_within": "10m", "update_every": "1h"},
            "SEV3": {"description": "Onder controle", "ack_within": "30m", "update_every": "4h"},
            "SEV4": {"description": "Goed in de gaten houden", "ack_within": "2h", "update_every": "1d"},
        },
        "statements": {"publish_channel": "#statements", "stakeholder_channel": "#stakeholders",
                       "brand_channels": ["#brand-social"], "templates": {"holding": {
                           "name": "Eerste verklaring",
                           "text": "We weten dat er zorgen zijn over {title}. We zoeken het met spoed uit en "
                                   "laten snel meer weten. — {organisation}"}}},
    },
)

SCRIPTS = {"en": ENGLISH, "nl": DUTCH}
ROLE_NAMES = {"nl": {"crisis_lead": "Crisisleider", "comms_lead": "Communicatieleider", "legal": "Juridisch",
                     "social_media": "Socialemediamanager"}}
"""The Dutch team's names for the sandbox plan's roles."""

ACCOUNT_LEAK = {
    "en": ("Our X account posts spam links",
           "Someone signed in to @acmecoffee from an unknown device and posted three spam links."),
    "nl": ("Ons X-account plaatst spamlinks",
           "Iemand logde vanaf een onbekend apparaat in op @acmecoffee en plaatste drie spamlinks."),
}
"""Title and description of the account-leak crisis the prevention story opens, in the team's words."""
