"""Two app servers behind nginx share everything that must be shared: sessions, used TOTP codes,
the lockout counter, the answer to a case, the audit chain, and the e-mail queue."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bosetting.accounts.totp import TOTP_PERIOD, totp_code
from bosetting.demo.visitor import APP_SERVERS, NGINX, STATE, Visitor

from .conftest import prod_like

A, B = APP_SERVERS


def _fresh_window(seconds: float = 8) -> None:
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < seconds:
        time.sleep(left + 0.2)


def test_nginx_serves_the_app_over_tls_with_its_headers(users):
    response = Visitor().get(NGINX, "/konto/login/")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_a_session_made_on_one_server_works_on_the_other(users):
    visitor = Visitor()
    visitor.log_in(A, users["imdi"][0])

    on_b = visitor.get(B, "/")

    assert on_b.status_code == 200
    assert "Velkommen" in on_b.text


def test_a_totp_code_used_on_one_server_is_refused_on_the_other(users):
    user = users["imdi"][1]
    _fresh_window()
    code = totp_code(user["secret"])
    first = Visitor()
    assert first.password_step(A, user["username"], user["password"]).status_code == 302
    assert first.code_step(A, code).status_code == 302

    second = Visitor(address="203.0.113.11")
    assert second.password_step(B, user["username"], user["password"]).status_code == 302
    replay = second.code_step(B, code)

    assert replay.status_code == 200  # the form again, with its error: no way in
    assert second.get(B, "/").status_code == 302


def test_the_lockout_counter_is_shared_by_both_servers(users):
    user = users["imdi"][2]
    for attempt in range(5):
        server = (A, B)[attempt % 2]
        wrong = Visitor().password_step(server, user["username"], "feil-passord-123")
        assert wrong.status_code == 200

    right = Visitor().password_step(A, user["username"], user["password"])

    assert right.status_code == 200
    assert "For mange innloggingsforsøk" in right.text


def _proposed_case_for_bergen() -> tuple[int, int]:
    """A new proposal to Bergen of one ready case, sent by IMDi: (proposal id, proposed case id)."""
    output = prod_like(
        "demo",
        "shell",
        "-c",
        "import datetime\n"
        "from django.utils import timezone\n"
        "from bosetting.accounts.models import User\n"
        "from bosetting.cases.models import Case, CaseState\n"
        "from bosetting.distribution import actions\n"
        "from bosetting.organisations.models import Municipality\n"
        "imdi = User.objects.get(username='imdi.saksbehandler')\n"
        "case = Case.objects.filter(state=CaseState.READY).order_by('pk').first()\n"
        "proposal = actions.create_proposal(by=imdi, municipality=Municipality.objects.get("
        "number='4601'), cases=[case], deadline=timezone.localdate() + datetime.timedelta(days=7))\n"
        "actions.send_proposal(by=imdi, proposal=proposal, confirm_over_capacity=True)\n"
        "print(proposal.pk, proposal.proposed_cases.get().pk)\n",
    )
    proposal, proposed = output.split()[-2:]
    return int(proposal), int(proposed)


def test_two_caseworkers_answering_one_case_through_two_servers_one_wins(users):
    proposal, proposed = _proposed_case_for_bergen()
    caseworkers = []
    for index, server in enumerate((A, B)):
        visitor = Visitor(address=f"203.0.113.{20 + index}")
        visitor.log_in(server, users["bergen"][index])
        caseworkers.append((visitor, server))
    path = f"/fordeling/kommune/{proposal}/"
    answer = {
        "case": str(proposed),
        f"c{proposed}-answer": "nei",
        f"c{proposed}-reason": "housing",
        f"c{proposed}-comment": "",
    }
    start = threading.Barrier(2)

    def send(visitor: Visitor, server: str) -> str:
        start.wait()
        response = visitor.post(server, path, answer)
        assert response.status_code == 302, response.text[:300]
        return visitor.get(server, response.headers["Location"]).text

    with ThreadPoolExecutor(2) as pool:
        pages = list(pool.map(lambda pair: send(*pair), caseworkers))

    saved = [page for page in pages if "er lagret" in page]
    told = [page for page in pages if "allerede besvart" in page or "er besvart" in page]
    assert len(saved) == 1, [re.findall(r'<p class="ds-paragraph">([^<]+)', p)[:3] for p in pages]
    assert len(told) == 1


def test_a_thousand_audit_events_written_through_both_servers_keep_the_chain(users):
    visitors = []
    for index, user in enumerate(users["imdi"][10:30]):
        visitor = Visitor(address=f"198.51.100.{index + 1}")
        visitor.log_in((A, B)[index % 2], user)
        visitors.append((visitor, (A, B)[index % 2]))
    before = _events()

    def search(number: int) -> int:
        visitor, server = visitors[number % len(visitors)]
        other = B if server == A else A
        # Every search is logged by its kind and hit count: one event per request.
        response = visitor.post((server, other)[number % 2], "/saker/", {"term": f"Ola{number}"})
        return response.status_code

    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(search, range(1000)))

    assert set(statuses) == {200}
    assert _events() == before + 1000
    assert prod_like("run", "verify_audit_log").startswith("OK:")


def _events() -> int:
    output = prod_like("run", "verify_audit_log")
    return int(re.search(r"OK: (\d+) hendelser", output).group(1))


def test_an_e_mail_queued_on_one_server_is_sent_once_by_the_workers(users):
    mail = STATE / "mail"
    user = users["imdi"][3]
    address = f"{user['username']}@example.invalid"
    earlier = set(_mails_to(mail, address))
    visitor = Visitor()
    visitor.get(A, "/konto/password/reset/")
    response = visitor.post(A, "/konto/password/reset/", {"email": address})
    assert response.status_code == 302

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not set(_mails_to(mail, address)) - earlier:
        time.sleep(1)
    time.sleep(5)  # long enough for a second worker to send it again, if it would

    assert len(set(_mails_to(mail, address)) - earlier) == 1


def _mails_to(folder: Path, address: str) -> list[Path]:
    return [path for path in folder.glob("*.log") if f"To: {address}" in path.read_text()]
