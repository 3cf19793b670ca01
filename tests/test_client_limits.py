"""Per-client limits: one rule for the visitor's address (TRUSTED_PROXY_COUNT), the /submit/ rate
limit that uses it, and the admin login lock-out (django-axes) per user name and per client."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from config.client_address import client_address
from tests.test_submissions import URL as SUBMIT_URL
from tests.test_submissions import valid_data

LOGIN_URL = "/admin/login/"


def request_from(remote_addr, forwarded_for=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **meta)


def test_by_default_no_forwarded_header_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("10.0.0.9", "203.0.113.7")) == "10.0.0.9"


def test_behind_one_proxy_the_rightmost_forwarded_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.9", "198.51.100.1, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("10.0.0.9", "1.1.1.1, 203.0.113.7, 10.0.0.5")) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", " , "])
def test_a_missing_or_malformed_forwarded_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.9", forwarded)) == "10.0.0.9"


def test_ipv6_addresses_are_understood(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.9", "2001:db8::1")) == "2001:db8::1"


# The /submit/ rate limit ----------------------------------------------------------------------


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_forged_forwarded_entries_do_not_reset_the_submission_limit(client, editorial, empty_cache, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SUBMISSIONS_RATE_LIMIT = 1
    headers = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(SUBMIT_URL, valid_data(title="First"), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7", **headers)
    assert first.status_code == 302
    forged = client.post(SUBMIT_URL, valid_data(title="Second"), HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **headers)
    assert forged.status_code == 429
    other = client.post(SUBMIT_URL, valid_data(title="Third"), HTTP_X_FORWARDED_FOR="203.0.113.8", **headers)
    assert other.status_code == 302


# Admin login lock-out -------------------------------------------------------------------------


@pytest.fixture
def editor_account(db):
    return User.objects.create_user("casey", "casey@example.gov", "correct horse battery staple", is_staff=True)


def try_login(client, username, password, remote_addr="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=remote_addr)


def test_five_wrong_passwords_lock_the_user_name_even_with_the_right_password(client, editor_account):
    assert [try_login(client, "casey", "wrong").status_code for _ in range(5)] == [200] * 4 + [429]
    response = try_login(client, "casey", "correct horse battery staple", remote_addr="192.0.2.99")
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_client_guessing_many_user_names_is_locked_out(client, editor_account):
    for number in range(5):
        try_login(client, f"guess{number}", "wrong")
    assert try_login(client, "casey", "correct horse battery staple").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_client_does_not_lock_others_out(client, editor_account):
    for number in range(5):
        try_login(client, f"guess{number}", "wrong", remote_addr="192.0.2.66")
    response = try_login(client, "casey", "correct horse battery staple", remote_addr="192.0.2.10")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_account.pk)


def test_the_lock_out_follows_the_trusted_proxy_rule(client, editor_account, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        client.post(
            LOGIN_URL,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.66",
        )
    response = client.post(
        LOGIN_URL,
        {"username": "casey", "password": "correct horse battery staple"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.200, 203.0.113.66",
    )
    assert response.status_code == 429


def test_weak_passwords_are_refused_when_an_admin_creates_a_user(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newcomer",
            "email": "newcomer@example.gov",
            "first_name": "New",
            "last_name": "Comer",
            "password1": "password",
            "password2": "password",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()
