"""Secure by default: the headers every response carries, the admin's own policy, and a production
configuration that passes `manage.py check --deploy` without a single warning."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kb.models import CaseStudyPage
from tests.deploy_env import ROOT, production_env, run_django


def csp(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def case_study(make_page):
    return make_page(CaseStudyPage, title="Headers case study")


@pytest.mark.parametrize("path", ["/", "/search/?q=forms", "/submit/", "/feeds/", "/does-not-exist/"])
def test_public_responses_carry_a_strict_policy(client, site_tree, path):
    response = client.get(path)
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("'unsafe-inline'" in sources or "'unsafe-eval'" in sources for sources in policy.values())


def test_json_responses_carry_the_policy_too(client, site_tree):
    response = client.get("/api/search/", {"q": "forms"})
    assert response["Content-Type"].startswith("application/json")
    assert csp(response)["default-src"] == ["'self'"]


def test_a_toolkit_page_carries_every_security_header(client, case_study):
    response = client.get(case_study.url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()"):
        assert feature in permissions
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_gets_what_wagtail_needs_and_frames_only_its_own_previews(client, site_tree):
    policy = csp(client.get("/admin/login/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_the_embed_card_alone_may_be_framed_by_other_sites(client, case_study):
    response = client.get(f"/embed/{case_study.pk}/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = csp(response)
    assert policy["frame-ancestors"] == ["*"]
    assert policy["default-src"] == ["'none'"]


def test_django_admin_is_not_mounted(client, site_tree):
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


def test_sessions_end_with_the_browser_and_within_a_working_day(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert admin_client.session.get_expire_at_browser_close()
    assert admin_client.session.get_expiry_age() <= 8 * 60 * 60


def test_the_demo_admin_is_refused_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_admin")
    from django.contrib.auth.models import User

    assert not User.objects.filter(username="admin").exists()


def test_check_deploy_with_production_settings_has_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_sends_hsts_and_secure_cookies():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'])"
    )
    result = run_django(script)
    assert result.returncode == 0, result.stderr
    hsts, subdomains, *secure_flags = result.stdout.split()
    assert int(hsts) >= 365 * 24 * 60 * 60
    assert subdomains == "True"
    assert secure_flags == ["True"] * 4
