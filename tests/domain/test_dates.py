"""One date format on screen: 22/11/2026, never 2026-11-22 beside it."""

from datetime import date, datetime

from rejuv_desktop.domain.checklist import validate_field
from rejuv_desktop.domain.dates import format_day, format_moment
from rejuv_desktop.domain.protocols import load_protocol
from rejuv_desktop.domain.checklist import SessionState


def test_days_and_moments_read_one_way():
    assert format_day(date(2026, 11, 2)) == "02/11/2026"
    assert format_day("2026-11-02") == "02/11/2026"
    assert format_day("2026-11-02T10:30:00+01:00") == "02/11/2026"
    assert format_day(None) == "" and format_moment("") == ""
    assert format_day("not a date") == "not a date"  # shown as stored, never a crash
    assert format_moment("2026-11-02T10:30:00+01:00") == "02/11/2026 10:30"
    assert format_moment(datetime(2026, 1, 5, 9, 7)) == "05/01/2026 09:07"


def test_the_expired_lot_message_uses_the_same_format():
    meso = load_protocol("mesotherapy")
    state = SessionState(session_date=date(2026, 11, 22))
    message = validate_field(meso.field("products.expiry"), "2026-11-01", state)
    assert message == ("Expired on 01/11/2026, before the session date 22/11/2026: this "
                       "product cannot be used")
