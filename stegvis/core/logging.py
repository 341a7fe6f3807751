"""Logging filter that keeps personal identity numbers out of log output."""

from __future__ import annotations

import logging
import re

# Swedish personnummer/samordningsnummer (YYYYMMDD-NNNN, YYMMDD-NNNN, with or without - or +)
# and Danish CPR numbers (DDMMYY-NNNN).
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def redact(text: str) -> str:
    return IDENTITY_NUMBER.sub("[redacted]", text)


class RedactIdentityNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True
