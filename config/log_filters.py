"""Logging filters named in settings.LOGGING."""

import logging


class DropMessage(logging.Filter):
    """Drops records whose message starts with `starts_with`: one known notice, never a whole logger."""

    def __init__(self, starts_with: str):
        super().__init__()
        self.starts_with = starts_with

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.starts_with)
