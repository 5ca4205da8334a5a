"""The admin resists password guessing, has no default accounts, and forgets idle sessions."""

from http import HTTPStatus

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@example.com", "right-password")


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, username):
    return [
        sign_in(client, username, "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]


def test_repeated_wrong_passwords_lock_the_user_out_with_a_clear_message(client, editor):
    statuses = fail_until_locked(client, "editor")
    assert statuses[:-1] == [HTTPStatus.OK] * (settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "editor", "right-password")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    text = response.content.decode()
    assert "Sign-in paused" in text
    assert f"{settings.AXES_FAILURE_LIMIT} failed attempts" in text
    assert "15 minutes" in text


def test_a_lockout_keeps_its_own_user_and_address_only(client, editor, django_user_model):
    django_user_model.objects.create_superuser("other", "o@example.com", "other-password")
    fail_until_locked(client, "editor")
    assert sign_in(client, "other", "other-password").status_code == HTTPStatus.FOUND
    client.logout()
    elsewhere = sign_in(client, "editor", "right-password", address="198.51.100.4")
    assert elsewhere.status_code == HTTPStatus.FOUND


def test_a_correct_password_before_the_limit_signs_in(client, editor):
    sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "right-password").status_code == HTTPStatus.FOUND


def test_no_account_exists_after_the_site_is_set_up():
    assert not get_user_model().objects.exists()


def test_admin_sessions_expire_after_a_working_day_or_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("password", ["short", "password123", "12345678901234", "qwertyuiop"])
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)
