"""`crisisbot schedule-import calendar.csv`: a content calendar into crisisbot's own queue, each row once; bad rows
named by line, a calendar without the needed columns refused in one line."""
import bot
from tests.test_cli import PLAN, one_line_error


def test_a_calendar_is_queued_once_and_bad_rows_are_named(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CRISIS_PLAN", PLAN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite'}")
    assert bot.main(["db", "upgrade"]) == 0
    calendar = tmp_path / "calendar.csv"
    calendar.write_text("target,date,time,text\n"
                        "x,2099-01-05,09:00,New year menu\n"
                        "x,2099-01-06,10:30,\"Winter sale, 20% off\"\n"
                        "tiktok,2099-01-06,10:30,Dance\n", encoding="utf-8")
    capsys.readouterr()
    assert bot.main(["schedule-import", str(calendar)]) == 1
    out, err = capsys.readouterr()
    assert "queued 2 post(s)" in out and f"{calendar}:4:" in err and "tiktok" in err
    assert bot.main(["schedule-import", str(calendar)]) == 1
    assert "queued 0 post(s) from" in capsys.readouterr().out


def test_a_calendar_without_the_columns_is_refused_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CRISIS_PLAN", PLAN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite'}")
    calendar = tmp_path / "calendar.csv"
    calendar.write_text("when,post\n2099-01-05 09:00,hi\n", encoding="utf-8")
    assert bot.main(["schedule-import", str(calendar)]) == 2
    assert "missing: target, date, time, text" in one_line_error(capsys)


def test_a_calendar_saved_in_another_encoding_is_refused_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CRISIS_PLAN", PLAN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.sqlite'}")
    calendar = tmp_path / "calendar.csv"
    calendar.write_bytes("target,date,time,text\nx,2099-01-05,09:00,Caf\u00e9 menu\n".encode("cp1252"))
    assert bot.main(["schedule-import", str(calendar)]) == 2
    assert "is not UTF-8; save the calendar as CSV UTF-8" in one_line_error(capsys)
