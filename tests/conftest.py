import pytest

from django.conf import settings
from django.core.cache import cache

from articles.content import load, read_fixtures
from tests.helpers import FIXTURES_DIR


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the site from the fixtures once; each test runs in a transaction rolled back after."""
    with django_db_blocker.unblock():
        load(read_fixtures(FIXTURES_DIR), base_url=settings.BASE_URL)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, so no page cached by an earlier test is served."""
    cache.clear()


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
