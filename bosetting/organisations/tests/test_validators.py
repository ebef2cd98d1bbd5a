"""The organisasjonsnummer's check digit: what Enhetsregisteret gives out passes, a slip does not."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from bosetting.organisations.validators import (
    organisation_number_check_digit,
    validate_organisation_number,
)

# Numbers of public bodies as Enhetsregisteret shows them (Brønnøysundregistrene, NAV, Skatteetaten).
KNOWN_VALID = ["974760673", "889640782", "974761076"]

eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


def completed(first_eight: str) -> str:
    digit = organisation_number_check_digit(first_eight)
    assume(digit is not None)
    return f"{first_eight}{digit}"


@pytest.mark.parametrize("value", KNOWN_VALID)
def test_published_organisation_numbers_are_accepted(value):
    validate_organisation_number(value)


@given(eight_digits)
def test_eight_digits_with_their_check_digit_are_an_organisation_number(first_eight):
    validate_organisation_number(completed(first_eight))


@given(eight_digits, st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_one_mistyped_digit_is_refused(first_eight, position, delta):
    value = completed(first_eight)
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    with pytest.raises(ValidationError, match="Kontrollsifferet stemmer ikke"):
        validate_organisation_number(changed)


@given(eight_digits, st.integers(min_value=0, max_value=7))
def test_two_neighbouring_digits_swapped_are_refused(first_eight, position):
    value = completed(first_eight)
    assume(value[position] != value[position + 1])
    swapped = value[:position] + value[position + 1] + value[position] + value[position + 2 :]
    with pytest.raises(ValidationError):
        validate_organisation_number(swapped)


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_no_number_is_given_where_the_check_digit_would_be_ten(first_seven):
    # The eighth digit (weight 2) that leaves a remainder of 1, where 11 - 1 is no digit.
    partial = sum(int(d) * w for d, w in zip(first_seven, (3, 2, 7, 6, 5, 4, 3), strict=True))
    eighth = (1 - partial) * 6 % 11  # 6 is the inverse of 2 modulo 11
    assume(eighth < 10)
    first_eight = f"{first_seven}{eighth}"
    assert organisation_number_check_digit(first_eight) is None
    for last in "0123456789":
        with pytest.raises(ValidationError):
            validate_organisation_number(first_eight + last)


@given(st.text(max_size=12).filter(lambda v: not (len(v) == 9 and v.isascii() and v.isdigit())))
def test_anything_but_nine_digits_is_refused(value):
    with pytest.raises(ValidationError, match="9 sifre"):
        validate_organisation_number(value)
