"""The split by language read from the SQL mention store (issue #14 point 6): every stored mention's language comes
back, unscored ones included, so a warning, the pulse or a report over stored mentions counts every language."""
from __future__ import annotations

from datetime import timedelta

from crisis.monitor.explain import stored_drivers
from crisis.monitor.views import language_parts
from tests.db.builders import T0, a_mention


def test_stored_mentions_split_by_language_with_unscored_ones_counted(uow_factory):
    tags = ["en"] * 5 + ["nl-NL"] * 3 + ["de"] * 2 + [None]
    mentions = [a_mention(str(i), created_at=T0 + timedelta(seconds=i), language=tag,
                          label="unscored" if tag in ("de", None) else "negative" if i % 2 else "positive",
                          compound=None if tag in ("de", None) else 0.5)
                for i, tag in enumerate(tags)]
    with uow_factory() as uow:
        uow.mentions.add(mentions)
        uow.commit()
    with uow_factory() as uow:
        found = stored_drivers(uow.mentions, mentions[0].term, T0, T0 + timedelta(minutes=5))
    split = {s.name: (s.count, s.negative_share) for s in found.languages}
    assert split == {"en": (5, 0.4), "nl": (3, 2 / 3), "de": (2, None), "": (1, None)}
    assert language_parts(found) != ()
