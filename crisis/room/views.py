"""Views of the crisis room: the crisis card, a page with its Acknowledge button, an acknowledged page."""
from __future__ import annotations

from crisis.i18n import Channel, Msg, Time, User, has, msg
from crisis.monitor.reputation import band_of
from crisis.plan import CrisisPlan
from crisis.room.model import CardFacts, Crisis, Page, RoleAssignment
from crisis.views import (
    Action,
    Button,
    Buttons,
    Card,
    Emphasis,
    Facts,
    Link,
    Listing,
    Notes,
    Part,
    Text,
    Title,
    Words,
    note,
)

NO_FACTS = CardFacts()
"""The card of a crisis with no statements, paused posts or press inquiries yet."""


def crisis_card(crisis: Crisis, plan: CrisisPlan, facts: CardFacts = NO_FACTS) -> Card:
    header = msg("card.header" if crisis.is_open else "card.header_closed", title=crisis.title)
    fields = [
        msg("card.severity", severity=crisis.severity),
        msg("card.status", status=msg(f"status.{crisis.status.value}")),
        msg("card.kind", kind=kind_label(crisis.kind)),
        msg("card.started", at=Time(crisis.opened_at)),
        msg("card.opened_by", user=User(crisis.opened_by)),
    ]
    if crisis.closed_at:
        fields.append(msg("card.lasted", lasted=crisis.closed_at - crisis.opened_at))
    if crisis.reputation is not None and crisis.term:
        fields.append(msg("card.reputation", term=crisis.term, score=crisis.reputation,
                          band=msg(f"band.{band_of(crisis.reputation)}")))
    parts: list[Part] = [Title(header), Facts(tuple(fields))]
    if crisis.description:
        parts.append(Text((Words(crisis.description),)))
    if crisis.link:
        parts.append(Text((Link(crisis.link, msg("card.link")),)))
        if crisis.is_open:
            parts.append(Buttons("link", (Button(Action.TAKE_DOWN_LINK, msg("card.take_down"), str(crisis.id)),)))
    parts.append(Listing(msg("card.roles"), tuple(_role_line(r, plan) for r in crisis.roles)))
    counts = tuple(msg(key, n=n) for key, n in (("card.statements_published", facts.statements_published),
                                                ("card.statements_waiting", facts.statements_waiting),
                                                ("card.paused_posts", facts.paused_posts),
                                                ("card.open_inquiries", facts.open_inquiries)) if n)
    if facts.posts_not_removed:
        counts += (msg("card.posts_not_removed", n=facts.posts_not_removed, failure=facts.removal_failure),)
    if counts:
        parts.append(Notes(counts))
    if crisis.resolution:
        parts.append(Text((msg("card.resolution", resolution=crisis.resolution),)))
    parts.append(Notes((msg("card.footer", id=crisis.id),)))
    return Card(header, tuple(parts))


def _role_line(role: RoleAssignment, plan: CrisisPlan) -> Msg:
    name = plan.role_name(role.role)
    if role.acked_at and role.acked_by not in (None, role.user_id):
        return msg("card.role_acked_by_other", role=name, user=User(role.user_id), by=User(role.acked_by),
                   at=Time(role.acked_at))
    if role.acked_at:
        return msg("card.role_acked", role=name, user=User(role.user_id), at=Time(role.acked_at))
    if not role.user_id and role.backup_id:  # the primary was not found in chat: the backup was paged at once
        return msg("card.role_primary_missing", role=name, backup=User(role.backup_id))
    if not role.user_id:
        return msg("card.role_vacant", role=name)
    if role.unanswered:
        return msg("card.role_unanswered", role=name, user=User(role.user_id))
    return msg("card.role_waiting", role=name, user=User(role.user_id))


def kind_label(kind: str) -> Msg:
    """The crisis type as people read it: the catalog's name, else the plan's key made readable."""
    return msg(f"kind.{kind}") if has(f"kind.{kind}") else msg("kind.custom", name=kind.replace("_", " ").capitalize())


def page_message(crisis: Crisis, plan: CrisisPlan, page: Page, to_person: bool) -> Card:
    """The page sent to the person (`to_person`) or posted in the crisis channel, with its Acknowledge button."""
    within = page.escalate_at - page.created_at
    role = plan.role_name(page.role)
    if to_person:
        body = msg("page.dm", role=role, severity=crisis.severity, title=crisis.title,
                   channel=Channel(crisis.channel_id), within=within)
    else:
        body = msg("page.channel", user=User(page.user_id), role=role, within=within)
    lines: tuple[Msg, ...] = (body,)
    if page.level.value != "primary":
        lines += (msg("page.escalation_note", level=msg("page.level.primary")),)
    acknowledge = Button(Action.ACKNOWLEDGE_PAGE, msg("page.acknowledge"), str(page.id), Emphasis.PRIMARY)
    return Card(body, (Text(lines), Buttons(f"page-{page.id}", (acknowledge,))))


def opened_notice(crisis: Crisis) -> Msg:
    """The announce channel's notice of a new crisis; of a private one, only who opened it."""
    if crisis.private:
        return msg("announce.opened_private", user=User(crisis.opened_by))
    return msg("announce.opened", severity=crisis.severity, title=crisis.title, channel=Channel(crisis.channel_id),
               user=User(crisis.opened_by))


def closed_notice(crisis: Crisis) -> Msg:
    """The announce channel's notice of a closed crisis; of a private one, only how long it lasted."""
    lasted = crisis.closed_at - crisis.opened_at
    if crisis.private:
        return msg("announce.closed_private", lasted=lasted)
    return msg("announce.closed", title=crisis.title, channel=Channel(crisis.channel_id), lasted=lasted)


def page_acknowledged(plan: CrisisPlan, page: Page, role: RoleAssignment) -> Card:
    return note(msg("page.acknowledged", role=plan.role_name(page.role), user=User(role.acked_by),
                    at=Time(role.acked_at)))
