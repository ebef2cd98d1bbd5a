"""What the identity-number validators, the upload sniffing and the code lists promise."""

from __future__ import annotations

import datetime
import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bosetting.cases.codes import (
    COUNTRIES,
    LANGUAGES,
    country_choices,
    country_name,
    language_choices,
    language_name,
)
from bosetting.cases.validators import (
    FIRST_WEIGHTS,
    MAX_DOCUMENT_SIZE,
    SECOND_WEIGHTS,
    birth_date_from_national_id,
    check_digit,
    digits_only,
    make_national_id,
    sniff_document,
    validate_duf_number,
    validate_national_id,
)


def _with_check_digits(first_nine: str) -> str | None:
    """The national id that `first_nine` gives, or None when no check digit fits."""
    first = check_digit(first_nine, FIRST_WEIGHTS)
    if first is None:
        return None
    second = check_digit(f"{first_nine}{first}", SECOND_WEIGHTS)
    return None if second is None else f"{first_nine}{first}{second}"


def test_digits_only_drops_the_spaces_dots_and_dashes_people_group_numbers_with():
    assert digits_only(" 2024 0000.0042-7\t") == "2024000000427"
    assert digits_only("12a4") == "12a4"  # letters stay, so the validator can refuse them


@pytest.mark.parametrize(
    "value",
    [
        "٢٠٢٤٠٠٠٠٠٠٤٢",  # Arabic-Indic digits: isdigit() says yes, the DUF register says no
        "２０２４００００００４２",  # full-width digits
        "2024 0000 004",
        "",
    ],
)
def test_a_duf_number_must_be_twelve_ascii_digits(value):
    with pytest.raises(ValidationError) as error:
        validate_duf_number(value)
    assert error.value.code == "invalid_duf"


def test_a_national_id_in_non_ascii_digits_is_refused_for_its_form():
    valid = make_national_id(datetime.date(1985, 3, 14))
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in valid)
    with pytest.raises(ValidationError) as error:
        validate_national_id(full_width)
    assert error.value.code == "invalid_national_id"


def test_a_national_id_with_right_check_digits_but_no_such_day_is_refused_for_its_date():
    value = next(
        number
        for individual in range(500)
        if (number := _with_check_digits(f"320185{individual:03d}")) is not None
    )
    with pytest.raises(ValidationError) as error:
        validate_national_id(value)
    assert error.value.code == "invalid_date"


def test_a_wrong_check_digit_is_refused_for_its_check_digits():
    value = make_national_id(datetime.date(1990, 5, 17))
    wrong = value[:10] + str((int(value[10]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_national_id(wrong)
    assert error.value.code == "invalid_check_digits"


def test_only_the_computed_check_digits_validate_and_a_remainder_of_one_gives_no_number():
    stem = "231185"
    for individual in range(500):
        first_nine = f"{stem}{individual:03d}"
        expected = _with_check_digits(first_nine)
        valid = []
        for suffix in range(100):
            try:
                validate_national_id(f"{first_nine}{suffix:02d}")
            except ValidationError:
                continue
            valid.append(f"{first_nine}{suffix:02d}")
        assert valid == ([expected] if expected else []), first_nine


@pytest.mark.parametrize(
    ("first_nine", "year"),
    [
        ("140385123", 1985),  # individual 000-499: 1900-1999
        ("140360600", 1860),  # individual 500-749 with year 54-99: 1854-1899
        ("140310600", 2010),  # individual 500-999 with year 00-39: 2000-2039
        ("140305950", 2005),
        ("140345950", 1945),  # individual 900-999 with year 40-99: 1940-1999
    ],
)
def test_the_century_follows_from_the_individual_number(first_nine, year):
    assert birth_date_from_national_id(f"{first_nine}00") == datetime.date(year, 3, 14)


@pytest.mark.parametrize("first_nine", ["140345800", "140345600"])
def test_an_individual_number_no_century_uses_for_that_year_encodes_no_date(first_nine):
    assert birth_date_from_national_id(f"{first_nine}00") is None


def test_a_d_number_encodes_the_day_plus_forty():
    assert birth_date_from_national_id("54038512300") == datetime.date(1985, 3, 14)
    assert birth_date_from_national_id("71128512300") == datetime.date(1985, 12, 31)


@pytest.mark.parametrize("year", [1899, 2040])
def test_invented_national_ids_are_only_made_for_the_years_the_rules_cover(year):
    with pytest.raises(ValueError, match="1900-2039"):
        make_national_id(datetime.date(year, 1, 1))


def test_an_empty_upload_is_refused_as_empty():
    with pytest.raises(ValidationError) as error:
        sniff_document(SimpleUploadedFile("tom.pdf", b""))
    assert error.value.code == "empty"


def test_a_file_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not():
    exact = b"%PDF-" + b"0" * (MAX_DOCUMENT_SIZE - 5)
    assert sniff_document(SimpleUploadedFile("a.pdf", exact)).size == MAX_DOCUMENT_SIZE
    with pytest.raises(ValidationError) as error:
        sniff_document(SimpleUploadedFile("a.pdf", exact + b"0"))
    assert error.value.code == "too_large"


def test_sniffing_hashes_the_whole_file_and_leaves_it_ready_to_be_stored():
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 1000  # several upload chunks
    upload = SimpleUploadedFile("bilde.png", content)
    sniffed = sniff_document(upload)
    assert sniffed.sha256 == hashlib.sha256(content).hexdigest()
    assert (sniffed.content_type, sniffed.extension, sniffed.size) == (
        "image/png",
        "png",
        len(content),
    )
    assert upload.read() == content


@pytest.mark.parametrize(
    "content",
    [
        b"GIF89a\x01\x00\x01\x00",  # a GIF image
        b"<html><body>attest</body></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"%PD",  # too short to be the PDF signature
        b"\x89PNG\r\n",  # a PNG signature cut short
        b" %PDF-1.4",  # the signature must come first
    ],
    ids=["gif", "html", "svg", "short-pdf", "short-png", "pdf-not-first"],
)
def test_only_the_pdf_jpeg_and_png_signatures_at_the_start_are_accepted(content):
    with pytest.raises(ValidationError) as error:
        sniff_document(SimpleUploadedFile("dokument.pdf", content))
    assert error.value.code == "unsupported_type"


def test_country_and_language_codes_have_the_iso_form():
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in COUNTRIES)
    assert all(re.fullmatch(r"[a-z]{3}", code) for code in LANGUAGES)
    assert country_name("XXA") == "Statsløs"


def test_code_choices_are_sorted_by_their_norwegian_names():
    for choices in (country_choices(), language_choices()):
        names = [name for _code, name in choices]
        assert names == sorted(names)
    assert ("ERI", "Eritrea") in country_choices()
    assert ("tir", "Tigrinja") in language_choices()


def test_an_unknown_code_is_shown_as_itself_rather_than_dropped():
    assert country_name("ZZZ") == "ZZZ"
    assert language_name("qqq") == "qqq"
