"""A retail client's age, read off their resident ID's date of birth (GB 11643).

Conduct rules protect older clients (双录, a second reviewer for riskier products), so the
assistant needs the age — never the number it comes from. The date of birth is taken when the
number has the shape of an 18-character resident ID and its birth date is a real date; the
check digit is not required: a mistyped last character leaves the birth date right, and a
protection applied once too often costs less than one missed.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

SHAPE = re.compile(r"^\d{17}[\dXx]$")


def age_on(id_number: str | None, on: date) -> int | None:
    """Whole years between the ID's date of birth and ``on``; None when it has none."""
    number = (id_number or "").replace(" ", "")
    if not SHAPE.match(number):
        return None
    try:
        born = ric.get_birth_date(number)
    except (ValidationError, ValueError):
        return None
    if born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
