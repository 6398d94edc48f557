"""A campaign for the bank's messaging platform: one row per client, CSV (UTF-8 with a BOM, so
Excel opens Chinese correctly) or XLSX (openpyxl). Names and texts are restored to their
display forms for the RM who drafted it (the privacy layer's restore and final scan): no full
identifier leaves in a file. The client id is the bank's own key, which the platform looks the
address up by — the file carries no phone number or e-mail."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from tools.bank.records import CampaignMessage, CampaignRecord

COLUMNS = ("client_id", "client", "language", "channel", "status", "held_reasons", "message")
HEADERS = {
    "zh": ("客户号", "客户", "语言", "渠道", "状态", "暂缓原因", "消息内容"),
    "en": ("Client id", "Client", "Language", "Channel", "Status", "Held because", "Message"),
}
_STATUS = {
    "zh": {"drafted": "待发送", "held": "暂缓"},
    "en": {"drafted": "to send", "held": "held"},
}
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA = "text/csv; charset=utf-8"
MEDIA = {"csv": CSV_MEDIA, "xlsx": XLSX_MEDIA}


def rows(
    campaign: CampaignRecord,
    messages: Sequence[CampaignMessage],
    names: dict[str, str],
    restored: Callable[[str], str],
    language: str,
) -> list[tuple[str, ...]]:
    """The file's rows: ``names`` are the clients' display names, ``restored`` turns a masked
    draft into what the RM may see."""
    status = _STATUS["zh" if language == "zh" else "en"]
    return [
        (
            m.client_id,
            names.get(m.client_id, ""),
            m.language,
            campaign.channel,
            status.get(m.status, m.status),
            m.codes.replace(";", ", "),
            restored(m.text) if m.text else "",
        )
        for m in messages
    ]


def to_csv(table: Sequence[tuple[str, ...]], language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS["zh" if language == "zh" else "en"])
    # A cell a spreadsheet would run as a formula (=, +, -, @ first) is quoted as text.
    writer.writerows([tuple(_inert(v) for v in row) for row in table])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Sequence[tuple[str, ...]], language: str, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "campaign"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HEADERS["zh" if language == "zh" else "en"]))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([_inert(v) for v in row])
    for column, width in zip("ABCDEFG", (14, 22, 8, 9, 9, 24, 80), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["G"][2:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _inert(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
