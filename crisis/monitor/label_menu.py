"""The label menu of a warning's example mentions: the mention a chosen value names, labelled as chosen."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.errors import BadInput, UnknownCrisis
from crisis.monitor import services
from crisis.monitor.mentions import key_digest, read_mention_key
from crisis.ports import Ports
from crisis.room.permissions import check_responder
from crisis.room.shared import authority

_NEAR = timedelta(milliseconds=1)
_SAME_TIME = 1_000
"""Mentions of one term read around a key's time to find its digest among them."""


def label_example(value: str, *, user: str, ports: Ports) -> str:
    """Label the mention of a menu value, `<label>|<mention_key>` (or, on warnings posted before the keys,
    `<label>|<source>|<source id>`); return the label."""
    label, _, rest = value.partition("|")
    if not rest:
        raise BadInput("error.bad_label", label=value[:20])
    key = read_mention_key(rest)
    if key is None:
        source, _, source_id = rest.partition("|")
        if not source_id:
            raise BadInput("error.bad_label", label=value[:20])
    else:
        check_responder(user, authority(ports))
        source, source_id = _find(*key, ports=ports)
    services.label_mention(source, source_id, label, user=user, ports=ports)
    return label


def _find(at: datetime, digest: str, *, ports: Ports) -> tuple[str, str]:
    """The stored mention of a watched term created at `at` whose source and id have this digest."""
    with ports.uow() as uow:
        for term in ports.plan.monitor.terms:
            for mention in uow.mentions.recent(term, at - _NEAR, at + _NEAR, _SAME_TIME):
                if key_digest(mention.source, mention.source_id) == digest:
                    return mention.source, mention.source_id
    raise UnknownCrisis("error.unknown_mention")
