"""Settings from the environment: the embedded default, and production's requirements."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items()
                 if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG",
                                "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean_env, **env}, capture_output=True, text=True,
        timeout=120,
    )


def print_settings(**env: str) -> str:
    code = ("from django.conf import settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], "
            "s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.CACHES['default']['BACKEND'], s.TIME_ZONE, s.USE_TZ)")
    result = run_manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_embedded_default_with_no_variables():
    assert print_settings() == (
        "True django.db.backends.sqlite3 True django.core.mail.backends.filebased.EmailBackend "
        "django.core.cache.backends.filebased.FileBasedCache Asia/Shanghai True"
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="summit.example.org")

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = run_manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="summit.example.org",
                        SECRET_KEY="x7" * 30 + "production-like-secret")

    assert result.returncode != 0
    assert "Set the SITE_URL environment variable" in result.stderr


@pytest.mark.redis
@pytest.mark.postgres
def test_production_uses_postgres_redis_and_smtp_and_passes_the_deploy_check(settings):
    if not (settings.REDIS_URL and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")):
        pytest.skip("needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL")
    env = {
        "DJANGO_ENV": "production", "SECRET_KEY": "x7" * 30 + "production-like-secret", "ALLOWED_HOSTS": "summit.org",
        "SITE_URL": "https://summit.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres", "REDIS_URL": "redis://127.0.0.1:6379/0",
    }

    assert print_settings(**env) == (
        "False django.db.backends.postgresql False django.core.mail.backends.smtp.EmailBackend "
        "django_redis.cache.RedisCache Asia/Shanghai True"
    )
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
