"""Django's deployment checks pass with production settings (DEBUG off, secure cookies, HTTPS, HSTS)."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

# Overrides that the test run itself uses (plain HTTP test client); production leaves them unset.
_TEST_ONLY_OVERRIDES = ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "SECURE_HSTS_SECONDS")


def production_environment(**extra) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _TEST_ONLY_OVERRIDES}
    secret_key = secrets.token_urlsafe(45)
    assert len(secret_key) == 60
    env.update(DEBUG="false", SECRET_KEY=secret_key, ALLOWED_HOSTS="casework.example.org", **extra)
    return env


def deploy_check(env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )


def test_deploy_check_passes_with_production_settings():
    result = deploy_check(production_environment())
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_would_catch_an_insecure_setting():
    # The same harness fails when a production safeguard is switched off, so the pass above means something.
    result = deploy_check(production_environment(SECURE_COOKIES="false"))
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr
