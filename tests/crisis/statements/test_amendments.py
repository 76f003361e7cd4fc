"""Corrections and retractions through the fakes: who may start one, the same approval rule, published once per
target as an amendment of the original's post, and both on the timeline."""
import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import BadInput, IllegalTransition, NotAuthorised, PublishFailed
from crisis.events import EventKind
from crisis.statements import amendments, services
from crisis.statements.model import Amendment, Decision, StatementState
from crisis.statements.rules import PUBLISH_LEASE
from crisis.statements.services import DraftForm
from crisis.statements.views import statement_card
from crisis.views import Action, Buttons
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import kinds, open_one

TEXT = "We are sorry and we are on it."
FIXED = "We are sorry; flights resume at 14:00."
CORRECT, RETRACT = Amendment.CORRECTION, Amendment.RETRACTION


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x")), ("mastodon", FakePublisher("mastodon"))]}


@pytest.fixture
def crisis(ports):
    return open_one(ports)


@pytest.fixture
def published(ports, crisis):
    statement = services.draft(crisis.channel_id, DraftForm("x", TEXT), user="USOCIAL", request_key="d",
                               ports=ports)
    approve(ports, statement.id)
    assert saved(ports, statement.id).state is StatementState.PUBLISHED
    return statement.id


def approve(ports, statement_id, users=("UCOMMS", "ULEGAL")):
    for user in users:
        services.decide(statement_id, Decision.APPROVE, user=user, version=1, request_key=f"{statement_id}-{user}",
                        ports=ports)


def saved(ports, statement_id):
    with ports.uow() as uow:
        return uow.statements.get(statement_id)


def amend(ports, original, kind=CORRECT, text=FIXED, user="USOCIAL", key="a1"):
    return amendments.amend(original, kind, text, user=user, request_key=key, ports=ports)


def test_a_correction_waits_for_the_rule_then_corrects_each_post_of_the_original(ports, chat, crisis, published,
                                                                                  publishers):
    correction = amend(ports, published)
    kept = saved(ports, correction.id)
    assert (kept.state, kept.target, kept.amends, kept.amendment) == (StatementState.PENDING, "x", published, CORRECT)
    assert all(p.amended == [] for _, p in publishers["x"])  # nothing goes out before approval
    with pytest.raises(NotAuthorised):  # four eyes: its author never approves it
        services.decide(correction.id, Decision.APPROVE, user="USOCIAL", version=1, request_key="own", ports=ports)
    approve(ports, correction.id)
    x, mastodon = (p for _, p in publishers["x"])
    assert x.amended == [("correct", correction.id, "https://x.example/1", FIXED)]
    assert mastodon.amended == [("correct", correction.id, "https://mastodon.example/1", FIXED)]
    assert x.published == [(published, TEXT)]  # not posted as a statement of its own
    kept = saved(ports, correction.id)
    assert kept.state is StatementState.PUBLISHED
    assert kept.published_ref == "x: https://x.example/1 · mastodon: https://mastodon.example/1"
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_CORRECTED
    assert EventKind.CORRECTION_DRAFTED in kinds(ports, crisis)
    assert chat.posted(crisis.channel_id)[-1] == "statement.correction_published"
    assert services.publish(correction.id, ports=ports) is False
    assert len(x.amended) == 1


def test_a_retraction_is_published_once_and_no_second_one_is_drafted(ports, crisis, published, publishers):
    retraction = amend(ports, published, RETRACT, "We withdraw it.")
    with pytest.raises(IllegalTransition) as waiting:
        amend(ports, published, RETRACT, "Again.", key="a2")
    assert waiting.value.key == "error.amend_retracted"
    approve(ports, retraction.id)
    assert [p.amended for _, p in publishers["x"]] == [
        [("retract", retraction.id, "https://x.example/1", "We withdraw it.")],
        [("retract", retraction.id, "https://mastodon.example/1", "We withdraw it.")]]
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_RETRACTED
    with pytest.raises(IllegalTransition):
        amend(ports, published, CORRECT, key="a3")
    original = saved(ports, published)
    assert original.retracted_by == retraction.id and original.state is StatementState.PUBLISHED
    card = statement_card(crisis, ports.plan, original)
    assert not [p for p in card.parts if isinstance(p, Buttons)]  # no Correct / Retract any more
    assert any(getattr(m, "key", "") == "card.statement.retracted_by" for p in card.parts
               for m in getattr(p, "lines", ()))


def test_a_failing_platform_is_retried_without_amending_twice_where_it_worked(ports, clock, crisis, published,
                                                                              publishers):
    x, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = ["Mastodon answered 503"]
    correction = amend(ports, published)
    approve(ports, correction.id)
    kept = saved(ports, correction.id)
    assert kept.state is StatementState.APPROVED and kept.publish_error == "mastodon: Mastodon answered 503"
    clock.advance(seconds=30)
    assert services.publish_tick(ports=ports) == 1
    assert len(x.amended) == 1 and len(mastodon.amended) == 1
    assert saved(ports, correction.id).state is StatementState.PUBLISHED


def test_a_correction_whose_process_died_half_way_resumes_when_its_lease_ends(ports, clock, crisis, published,
                                                                               publishers):
    x, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = [RuntimeError("the process died here")]  # x is corrected, then nothing is recorded
    correction = amend(ports, published)
    with pytest.raises(RuntimeError):
        approve(ports, correction.id)
    clock.advance(seconds=PUBLISH_LEASE.total_seconds() - 1)
    assert services.publish_tick(ports=ports) == 0  # its publisher may still be at work
    clock.advance(seconds=1)
    assert services.publish_tick(ports=ports) == 1
    assert (len(x.amended), len(mastodon.amended)) == (1, 1)
    assert kinds(ports, crisis).count(EventKind.STATEMENT_CORRECTED) == 1


def test_a_refused_token_is_given_up_told_once_and_the_other_platform_keeps_its_correction(ports, chat, clock,
                                                                                           crisis, published,
                                                                                           publishers):
    x, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = [PublishFailed("Mastodon answered 401 (check the token)", permanent=True)] * MAX_REFUSALS
    correction = amend(ports, published)
    approve(ports, correction.id)
    for _ in range(MAX_REFUSALS):
        clock.advance(minutes=5)
        services.publish_tick(ports=ports)
    kept = saved(ports, correction.id)
    assert kept.state is StatementState.APPROVED and kept.publish_due_at is None
    assert kept.published_ref == "x: https://x.example/1" and len(x.amended) == 1
    told = chat.posted(crisis.channel_id)
    assert (told.count("statement.publish_retrying"), told.count("statement.publish_failed_notice")) == (1, 1)


def test_only_published_statements_of_their_own_are_amended(ports, crisis, published):
    draft = services.draft(crisis.channel_id, DraftForm("x", "Another."), user="USOCIAL", request_key="d2",
                           ports=ports)
    with pytest.raises(IllegalTransition) as pending:
        amend(ports, draft.id)
    assert pending.value.key == "error.amend_not_published"
    correction = amend(ports, published)
    approve(ports, correction.id)
    with pytest.raises(IllegalTransition):
        amend(ports, correction.id, key="a2")
    with pytest.raises(BadInput):
        amend(ports, published, text="  ", key="a3")


def test_a_repeated_request_drafts_one_correction(ports, crisis, published):
    assert amend(ports, published) is not None
    assert amend(ports, published) is None
    with ports.uow() as uow:
        assert len(uow.statements.for_crisis(crisis.id)) == 2


def test_the_published_card_offers_correct_and_retract_and_the_correction_says_what_it_corrects(ports, crisis,
                                                                                                   published):
    original = saved(ports, published)
    [buttons] = [p for p in statement_card(crisis, ports.plan, original).parts if isinstance(p, Buttons)]
    assert [b.action for b in buttons.buttons] == [Action.CORRECT_STATEMENT, Action.RETRACT_STATEMENT]
    correction = saved(ports, amend(ports, published).id)
    card = statement_card(crisis, ports.plan, correction)
    assert any(m.key == "card.statement.correction_of" and m.params["statement"] == published
               for part in card.parts for m in getattr(part, "items", ()))


def test_a_published_retraction_withdraws_the_corrections_not_out_yet_and_none_can_be_approved(ports, chat, clock,
                                                                                                crisis, published,
                                                                                                publishers):
    x, mastodon = (p for _, p in publishers["x"])
    waiting = amend(ports, published)
    x.fail = ["X answered 503"]
    failing = amend(ports, published, text="Flights resume at 15:00.", key="a2")
    approve(ports, failing.id)
    assert saved(ports, failing.id).state is StatementState.APPROVED  # out nowhere yet, to be tried again
    retraction = amend(ports, published, RETRACT, "We withdraw it.", key="r")
    approve(ports, retraction.id)
    assert saved(ports, published).retracted_by == retraction.id
    assert [(saved(ports, s.id).state, saved(ports, s.id).publish_due_at) for s in (waiting, failing)] == [
        (StatementState.REJECTED, None)] * 2
    with pytest.raises(IllegalTransition) as refused:
        approve(ports, waiting.id)
    assert (refused.value.key, refused.value.params["statement"]) == ("error.amend_retracted", published)
    clock.advance(minutes=5)
    services.publish_tick(ports=ports)
    assert [a[0] for a in x.amended] == [a[0] for a in mastodon.amended] == ["retract"]
    assert chat.posted(crisis.channel_id).count("statement.correction_withdrawn") == 2
    assert kinds(ports, crisis).count(EventKind.CORRECTION_WITHDRAWN) == 2
    assert saved(ports, waiting.id).card_due_at is None  # its card shows it


def test_an_approved_correction_of_a_statement_retracted_before_this_check_is_withdrawn_not_claimed(
        ports, chat, clock, crisis, published, publishers):
    x, mastodon = (p for _, p in publishers["x"])
    x.fail = ["X answered 503"]
    correction = amend(ports, published)
    approve(ports, correction.id)
    with ports.uow() as uow:  # retracted as an older crisisbot left it: its correction still approved
        original = uow.statements.lock(published)
        original.retracted_by = 99
        uow.statements.save(original)
        uow.commit()
    clock.advance(minutes=5)
    assert services.publish_tick(ports=ports) == 0
    assert x.amended == mastodon.amended == []
    assert saved(ports, correction.id).state is StatementState.REJECTED
    assert chat.posted(crisis.channel_id)[-1] == "statement.correction_withdrawn"
