"""The exports open in LibreOffice with Norwegian letters intact (the issue's "done when").

Each conversion runs soffice headless with its own throwaway profile, so tests never share or
touch a user's LibreOffice settings.
"""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from bosetting.core.testing import close_response
from bosetting.organisations.tests.factories import MunicipalityFactory
from bosetting.planning.tests.factories import MunicipalDecisionFactory

pytestmark = pytest.mark.office

SOFFICE = "/usr/bin/soffice"
# Write CSV as UTF-8 (76) with `;` (59) and `"` (34): what the export itself uses.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):59,34,76"
YEAR = timezone.localdate().year


def _convert_to_csv(source: Path, tmp_path: Path, *, input_filter: str | None = None) -> str:
    profile = tmp_path / "libreoffice-profile"
    output = tmp_path / "converted"
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        CSV_FILTER,
        "--outdir",
        str(output),
        str(source),
    ]
    if input_filter:
        command[-1:-1] = [f"--infilter={input_filter}"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return (output / f"{source.stem}.csv").read_text(encoding="utf-8")


def _download(client, file_format: str, tmp_path: Path) -> Path:
    response = client.get(
        reverse("reports:requests_and_decisions_export", args=[file_format]),
        {"year": YEAR, "county": "46"},
    )
    data = b"".join(response.streaming_content) if response.streaming else response.content
    close_response(response)
    path = tmp_path / f"rapport.{file_format}"
    path.write_bytes(data)
    return path


def _with_norwegian_municipality(cast) -> None:
    MunicipalDecisionFactory(
        request__municipality=MunicipalityFactory(
            number="4631", name="Alver – Ølen og Åsane", county=cast.vestland
        ),
        request__year=YEAR,
        request__places=12,
        places=9,
    )


def test_libreoffice_opens_the_xlsx_with_norwegian_letters(cast, client_for, tmp_path):
    _with_norwegian_municipality(cast)
    source = _download(client_for(cast.imdi_caseworker), "xlsx", tmp_path)
    rows = list(csv.reader(io.StringIO(_convert_to_csv(source, tmp_path)), delimiter=";"))
    assert rows[0][0] == f"Anmodninger og vedtak {YEAR}"
    assert rows[4][:3] == ["Kommune", "Anmodet, antall", "Anmodet, enslige mindreårige"]
    assert rows[5][:4] == ["4631 Alver – Ølen og Åsane", "12", "2", "9"]
    assert rows[6][0] == "Sum Vestland"


def test_libreoffice_opens_the_csv_with_norwegian_letters(cast, client_for, tmp_path):
    _with_norwegian_municipality(cast)
    source = _download(client_for(cast.imdi_caseworker), "csv", tmp_path)
    # The import settings a Norwegian user picks: `;`, `"`, UTF-8, from line 1.
    text = _convert_to_csv(source, tmp_path, input_filter="CSV:59,34,76,1")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Kommune", "Anmodet, antall", "Anmodet, enslige mindreårige"]
    assert rows[1][:4] == ["4631 Alver – Ølen og Åsane", "12", "2", "9"]
    assert rows[1][5] == "-3"
    assert rows[2][0] == "Sum Vestland"
