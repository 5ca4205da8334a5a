"""The site's configuration file, `.env`: `NAME=value` lines for whatever the environment does
not set, so the server, cron jobs and commands run from a shell share one configuration."""

import os
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / ".env"


def read_env_file():
    """Put the file's settings (`ENV_FILE`, default `.env`; empty for none) in the environment."""
    path = os.environ.get("ENV_FILE", DEFAULT_PATH)
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text().splitlines():
        name, equals, value = line.partition("=")
        if equals and not name.lstrip().startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())
