"""The accountability report as a web page at headquarters, behind the admin token.

``GET /admin/report`` answers the page to a request with ``Authorization: Bearer <token>``
or with the session cookie that ``POST /admin/login`` sets after the administrator typed the
token in ``GET /admin/login``. The cookie holds an HMAC of the token, never the token, and is
``HttpOnly``, ``SameSite=Strict`` and limited to ``/admin``. The charts are SVG drawn here on
the server: the page loads nothing from the network, not even from this service.
"""

import hashlib
import hmac
import html
from collections.abc import Callable, Iterator
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from laissez.hq import report
from laissez.hq.auth import check_admin_token
from laissez.hq.errors import AdminAuthError

COOKIE = "laissez_admin"
#: the columns drawn as bars, with their labels (the table shows every column)
CHARTED: tuple[tuple[str, str], ...] = (
    ("cases_opened", "Cases opened"),
    ("advisals_delivered", "Advisals delivered"),
    ("advisals_with_interpreter", "… with an interpreter"),
    ("consents_declined_return", "Consent to return declined"),
    ("consents_declined_travel_document", "Consent to the document declined"),
    ("consents_withdrawn_return", "Consent to return withdrawn"),
    ("fear_of_return_flags", "Fear of return flagged"),
    ("protection_referred", "Referred for protection"),
    ("protection_cleared", "Fear cleared by a protection officer"),
    ("protection_flags_raised", "Red flags raised (monthly counts)"),
    ("protection_flags_cleared", "Red flags cleared (monthly counts)"),
    ("closed_without_document", "Closed without a document"),
    ("documents_issued", "Documents issued"),
    ("documents_revoked", "Documents revoked"),
)
_LABELS: tuple[tuple[str, str], ...] = (
    ("consents_granted_return", "Consent to return granted"),
    ("consents_granted_travel_document", "Consent to the document granted"),
    ("consents_withdrawn_travel_document", "Consent to the document withdrawn"),
    (report.MEDIAN, "Median days from interview to issue"),
)
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("advisals_language_", "Advisals in language {}"),
    ("consents_granted_data_sharing_", "Data sharing with {} granted"),
    ("consents_declined_data_sharing_", "Data sharing with {} declined"),
)
_STYLE = """
body{font-family:'Noto Sans',sans-serif;margin:2rem;color:#1b1b1b;background:#fff;max-width:72rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}
p.note{color:#444;margin:.2rem 0 1rem}
table{border-collapse:collapse;font-size:.82rem;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.2rem .45rem;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#eef1f5}td.s{color:#8a3b00;font-style:italic}
.bar{fill:#2f5d8a}.sup{fill:url(#hatch)}.lbl{font-size:12px}.val{font-size:12px;font-weight:bold}
form{margin:2rem 0}label{display:block;margin-bottom:.4rem}input{font-size:1rem;padding:.3rem}
"""


def _cookie_value(token: str) -> str:
    return hmac.new(token.encode(), b"laissez report page", hashlib.sha256).hexdigest()


def _label(column: str) -> str:
    """The words for a column, also for the per-language and per-recipient ones."""
    for name, text in (*CHARTED, *_LABELS):
        if name == column:
            return text
    for prefix, words in _PREFIXES:
        if column.startswith(prefix):
            return words.format(column.removeprefix(prefix))
    return column.replace("_", " ")


def _chart(row: report.ReportRow) -> str:
    """A horizontal bar chart (SVG) of one mission's totals; suppressed bars are hatched."""
    values = [(text, row.values.get(name, 0)) for name, text in CHARTED]
    top = max([v for _, v in values if v] + [report.SUPPRESS_BELOW, 1])
    left, width, bar_h, gap = 250, 420, 18, 6
    height = len(values) * (bar_h + gap) + 10
    parts = [
        f'<svg role="img" aria-label="{html.escape(row.mission_code)} totals" '
        f'width="{left + width + 60}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" fill="#c98a5a"/></pattern>'
        "</defs>",
    ]
    for i, (text, value) in enumerate(values):
        y = 5 + i * (bar_h + gap)
        parts.append(
            f'<text class="lbl" x="{left - 8}" y="{y + 13}" text-anchor="end">'
            f"{html.escape(text)}</text>"
        )
        if value is None:
            w = width * (report.SUPPRESS_BELOW - 1) / top
            parts.append(f'<rect class="sup" x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}"/>')
            shown = report.SUPPRESSED_TEXT
        else:
            w = width * value / top
            parts.append(f'<rect class="bar" x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}"/>')
            shown = str(value)
        parts.append(
            f'<text class="val" x="{left + w + 6:.1f}" y="{y + 13}">{html.escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(rows: list[report.ReportRow], names: list[str]) -> str:
    """One line per column, one column per month (and "All months" last)."""
    months = "".join(
        f"<th scope='col'>{'All months' if r.month == report.TOTAL else html.escape(r.month)}</th>"
        for r in rows
    )
    body = []
    for column in names:
        cells = []
        for row in rows:
            value = report.cell(row, column)
            if value is None and column != report.MEDIAN:
                cells.append(f"<td class='s'>{report.SUPPRESSED_TEXT}</td>")
            else:
                cells.append(f"<td>{'' if value is None else value}</td>")
        label = html.escape(_label(column))
        body.append(f"<tr><th scope='row'>{label}</th>{''.join(cells)}</tr>")
    return (
        f"<table><thead><tr><th scope='col'>What happened</th>{months}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render(rows: list[report.ReportRow]) -> str:
    """The whole page for ``rows`` (``report.build``)."""
    names = report.columns(rows)
    sections = []
    for code in sorted({r.mission_code for r in rows}):
        mine = [r for r in rows if r.mission_code == code]
        total = next(r for r in mine if r.month == report.TOTAL)
        sections.append(
            f"<section aria-labelledby='m-{html.escape(code)}'>"
            f"<h2 id='m-{html.escape(code)}'>Mission {html.escape(code)}</h2>"
            f"{_chart(total)}{_table(mine, names)}</section>"
        )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Accountability report · Laissez headquarters</title>"
        f"<style>{_STYLE}</style></head><body><main>"
        "<h1>Accountability report</h1>"
        "<p class='note'>What happened at each mission, from the changes missions sent. "
        f"Counts from 1 to {report.SUPPRESS_BELOW - 1} are shown as "
        f"{html.escape(report.SUPPRESSED_TEXT)} (hatched) so that no person can be singled "
        "out; the median days from interview to issue needs at least "
        f"{report.SUPPRESS_BELOW} documents. No personal data is shown.</p>"
        f"{''.join(sections) or '<p>No mission yet.</p>'}"
        "</main></body></html>"
    )


def _login_page(failed: bool = False) -> str:
    warning = "<p role='alert'>That is not the admin token.</p>" if failed else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Sign in · Laissez headquarters</title><style>{_STYLE}</style></head><body>"
        "<main><h1>Accountability report</h1>"
        f"{warning}<form method='post' action='/admin/login'>"
        "<label for='token'>Admin token</label>"
        "<input id='token' name='token' type='password' autocomplete='off' required> "
        "<button type='submit'>Show the report</button></form></main></body></html>"
    )


def router(get_session: Callable[[], Iterator[Session]], token: str | None) -> APIRouter:
    """The page's routes; ``get_session`` is the application's session dependency."""
    pages = APIRouter(include_in_schema=False)

    def allowed(request: Request) -> bool:
        header = request.headers.get("authorization")
        if header:
            try:
                check_admin_token(header.removeprefix("Bearer ").strip(), token)
                return True
            except AdminAuthError:
                return False
        cookie = request.cookies.get(COOKIE)
        return bool(token and cookie and hmac.compare_digest(cookie, _cookie_value(token)))

    @pages.get("/admin/login")
    def login_form() -> HTMLResponse:
        return HTMLResponse(_login_page())

    @pages.post("/admin/login")
    async def login(request: Request) -> Response:
        body = await request.body()
        given = parse_qs(body[:4096].decode("utf-8", "replace")).get("token", [""])[0]
        try:
            check_admin_token(given, token)
        except AdminAuthError:
            return HTMLResponse(_login_page(failed=True), status_code=401)
        assert token is not None
        answer = RedirectResponse("/admin/report", status_code=303)
        answer.set_cookie(
            COOKIE, _cookie_value(token), httponly=True, samesite="strict", path="/admin"
        )
        return answer

    @pages.get("/admin/report")
    def report_page(
        request: Request, session: Annotated[Session, Depends(get_session)]
    ) -> Response:
        if not allowed(request):
            return RedirectResponse("/admin/login", status_code=303)
        return HTMLResponse(render(report.build(session)))

    return pages
