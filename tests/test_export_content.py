"""export_content writes the site back to the fixture format, losing nothing on a round trip."""

import filecmp

import pytest

from django.core.management import call_command

from articles.export import export
from articles.models import ArticlePage
from tests.helpers import FIXTURES_DIR
from tests.live_server import LiveSite

pytestmark = pytest.mark.django_db


def fixture_files(root):
    return sorted(path.relative_to(root) for path in root.rglob("*.json"))


def assert_same_files(expected_root, actual_root):
    assert fixture_files(actual_root) == fixture_files(expected_root)
    for name in fixture_files(expected_root):
        assert (actual_root / name).read_text() == (expected_root / name).read_text(), name


def test_exporting_the_loaded_fixtures_gives_them_back_unchanged(tmp_path):
    assert export(tmp_path) == 5
    assert_same_files(FIXTURES_DIR, tmp_path)


def test_an_export_with_editors_changes_survives_a_load_into_an_empty_database(tmp_path):
    article = ArticlePage.objects.get(slug="treatment-of-psychogenic-pain")
    article.body.append(("list", {"style": "numbered", "items": ["Rest", "Move gently"]}))
    article.tags.add("self-care")
    article.save_revision().publish()
    first, second = tmp_path / "first", tmp_path / "second"
    export(first)

    empty = LiveSite(tmp_path, name="export_round_trip")
    empty.manage("migrate", "--noinput")
    empty.manage("load_content", "--fixtures", str(first))
    empty.manage("export_content", str(second))

    assert_same_files(first, second)
    assert '"Move gently"' in (first / "articles/treatment-of-psychogenic-pain.json").read_text()


def test_the_command_reports_what_it_wrote(tmp_path, capsys):
    call_command("export_content", str(tmp_path))
    assert f"Exported the site and 5 article(s) to {tmp_path}." in capsys.readouterr().out
    assert filecmp.cmp(tmp_path / "site.json", FIXTURES_DIR / "site.json", shallow=False)
