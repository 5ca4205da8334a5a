import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from django.conf import settings
from django.core.cache import cache

from wagtail.images.tests.utils import get_test_image_file

from articles.content import load, read_fixtures
from tests.helpers import FIXTURES_DIR
from tests.tcp_proxy import TcpProxy

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


@pytest.fixture(scope="module")
def relay():
    """The local Redis behind a relay a test can cut (tests/tcp_proxy.py)."""
    relay = TcpProxy("127.0.0.1", 6379).open()
    yield relay
    relay.close()


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


@pytest.fixture
def illustrated(db, settings, tmp_path):
    """An article whose body has two images: the first is its lead image."""
    from wagtail.images.models import Image

    from articles.models import ArticlePage

    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Walk", file=get_test_image_file(size=(1600, 900)))
    article = ArticlePage.objects.get(slug="neurotransmitter-imbalances-psychosomatic-disorders")
    article.body = [
        ("image", {"image": image, "alt": "A woman walking", "decorative": False}),
        *[(block.block_type, block.value) for block in article.body],
        ("image", {"image": image, "alt": "", "decorative": True}),
    ]
    article.save_revision().publish()
    return article


def user_in_group(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return user_in_group(django_user_model, "eddie", "Editors")


@pytest.fixture
def reviewer(django_user_model):
    return user_in_group(django_user_model, "rita", "Reviewers")


@pytest.fixture
def clinician(db):
    from articles.models import Person

    return Person.objects.create(name="Dr Ada Okafor", credentials="MBBS, MRCP", role="GP")
