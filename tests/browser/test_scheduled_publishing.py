"""A page scheduled in the admin goes live when cron runs the README's line, as written, on a
copy of the site set up as the README says."""

import re
import subprocess
from http import HTTPStatus

import pytest

from tests.live_server import ROOT

INSTALLED_AT = "/srv/library"  # where the README's examples install the site
# What cron gives a job: no SECRET_KEY, DATABASE_URL or anything else of the site's.
CRON_ENVIRONMENT = {"HOME": "/root", "LOGNAME": "root", "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh"}
SCHEDULE_IN_SECONDS = 3


def readme_cron_line():
    """The crontab line the README gives for publish_scheduled: its schedule and command."""
    readme = (ROOT / "README.md").read_text()
    schedule, command = re.search(r"^((?:\S+ ){5})(.*publish_scheduled.*)$", readme, re.M).groups()
    return schedule.strip(), command


@pytest.fixture
def scheduled_article(live_site):
    """A new article whose go-live time is a few seconds away; its address."""
    return live_site.python(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from articles.models import ArticlePage\n"
        "source = ArticlePage.objects.get(slug='anxiety-and-chronic-pain')\n"
        "article = source.copy(keep_live=False, update_attrs={\n"
        "    'title': 'Pacing through a flare-up', 'slug': 'pacing-through-a-flare-up'})\n"
        f"article.go_live_at = timezone.now() + timedelta(seconds={SCHEDULE_IN_SECONDS})\n"
        "article.save_revision().publish()\n"
        "print(article.url)"
    )


def test_a_scheduled_page_goes_live_when_the_readmes_cron_line_runs(
    live_site, page, scheduled_article, tmp_path
):
    schedule, command = readme_cron_line()
    assert schedule == "*/5 * * * *"
    response = page.goto(live_site.url + scheduled_article)
    assert response.status == HTTPStatus.NOT_FOUND
    installed = live_site.install_copy(tmp_path / "library")
    page.wait_for_timeout(SCHEDULE_IN_SECONDS * 1000)
    cron = subprocess.run(
        ["/bin/sh", "-c", command.replace(INSTALLED_AT, str(installed))],
        env=CRON_ENVIRONMENT,
        capture_output=True,
        text=True,
    )
    assert (cron.returncode, cron.stderr) == (0, "")
    assert "Published page “Pacing through a flare-up”" in cron.stdout
    response = page.goto(live_site.url + scheduled_article)
    assert response.status == HTTPStatus.OK
    assert page.locator("h1").inner_text() == "Pacing through a flare-up"
