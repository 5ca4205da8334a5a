import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from django.conf import settings

from articles.content import load, read_fixtures
from tests.helpers import FIXTURES_DIR

hypothesis_settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "dev",
    parent=hypothesis_settings.get_profile("ci"),
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "50")),
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the site from the fixtures once; each test runs in a transaction rolled back after."""
    with django_db_blocker.unblock():
        load(read_fixtures(FIXTURES_DIR), base_url=settings.BASE_URL)


@pytest.fixture
def home(db):
    from articles.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def articles(db):
    from articles.models import ArticlePage

    return list(ArticlePage.objects.order_by("slug"))


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw-for-tests")
    client.force_login(user)
    return client
