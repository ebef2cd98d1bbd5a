import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from bosetting.cases.validators import (
    MAX_DOCUMENT_SIZE,
    birth_date_from_national_id,
    is_d_number,
    make_national_id,
    sniff_document,
    validate_duf_number,
    validate_national_id,
)

# Published test numbers (Skatteetaten's examples and well-known synthetic ones).
KNOWN_VALID = ["01010750160", "15076500565", "04056600324"]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_is_a_duf_number(value):
    validate_duf_number(value)


@given(
    st.text(min_size=0, max_size=20).filter(
        lambda v: not (len(v) == 12 and v.isascii() and v.isdigit())
    )
)
def test_anything_else_is_not_a_duf_number(value):
    with pytest.raises(ValidationError):
        validate_duf_number(value)


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2039, 12, 31)),
    st.booleans(),
    st.integers(min_value=0, max_value=999),
)
def test_generated_national_ids_validate_and_encode_the_birth_date(birth_date, d_number, start):
    value = make_national_id(birth_date, d_number=d_number, start=start)
    validate_national_id(value)
    assert birth_date_from_national_id(value) == birth_date
    assert is_d_number(value) == d_number


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2039, 12, 31)),
    st.integers(min_value=9, max_value=10),
    st.integers(min_value=1, max_value=9),
)
def test_a_changed_check_digit_is_refused(birth_date, position, delta):
    value = make_national_id(birth_date)
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    with pytest.raises(ValidationError):
        validate_national_id(changed)


@given(st.integers(min_value=0, max_value=8), st.integers(min_value=1, max_value=9))
def test_one_changed_digit_of_a_valid_number_is_caught(position, delta):
    value = make_national_id(datetime.date(1985, 11, 23))
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    # Mod 11 with these weights catches every single-digit error in the first nine digits.
    with pytest.raises(ValidationError):
        validate_national_id(changed)


@pytest.mark.parametrize("value", KNOWN_VALID)
def test_published_examples_are_valid(value):
    validate_national_id(value)


@pytest.mark.parametrize(
    "value", ["0101075016", "010107501600", "0101075016a", "01010750161", "32010750160"]
)
def test_wrong_length_letters_check_digits_or_date_are_refused(value):
    with pytest.raises(ValidationError):
        validate_national_id(value)


def test_pdf_jpeg_and_png_are_recognised_by_content_not_name():
    for head, content_type in (
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
    ):
        upload = SimpleUploadedFile("feil-navn.txt", head + b"x" * 100, content_type="text/plain")
        assert sniff_document(upload).content_type == content_type


def test_a_word_file_named_pdf_is_refused():
    upload = SimpleUploadedFile("attest.pdf", b"PK\x03\x04word", content_type="application/pdf")
    with pytest.raises(ValidationError, match="ikke en PDF, JPEG eller PNG"):
        sniff_document(upload)


def test_a_file_over_ten_megabytes_is_refused():
    upload = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_SIZE)
    with pytest.raises(ValidationError, match="for stor"):
        sniff_document(upload)
