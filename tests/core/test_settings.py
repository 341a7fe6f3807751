"""Settings come from the environment and fail loudly on bad values."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "STEGVIS_ENV": "production",
    "SECRET_KEY": "k3J9-qW2x!LmZ8#pR5vT0yB7nC4uE6hA1sD-fG2jK9lQ3wE5rT",
    "FIELD_ENCRYPTION_KEY": "ZGVtby1vbmx5LWtleS1zdGVndmlzLWRlbW8tMDAwMDA=",
    "ALLOWED_HOSTS": "stegvis.example.org",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
}


def _load(env: dict, *code: str) -> subprocess.CompletedProcess:
    script = "import stegvis.settings as s; " + "; ".join(code or ("pass",))
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_demo_profile_needs_no_configuration(tmp_path):
    result = _load(
        {"STEGVIS_VAR_DIR": str(tmp_path)}, "print(s.DEBUG, s.DATABASES['default']['ENGINE'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"]


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS", "DATABASE_URL"]
)
def test_production_refuses_to_start_without_required_values(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _load(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_the_site_address_defaults_to_the_first_allowed_host_in_production():
    result = _load(PRODUCTION, "print(s.STEGVIS_SITE_URL)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://stegvis.example.org"
    result = _load(
        {**PRODUCTION, "STEGVIS_SITE_URL": "https://kompetens.fyrbodal.se/"},
        "print(s.STEGVIS_SITE_URL)",
    )
    assert result.stdout.strip() == "https://kompetens.fyrbodal.se"


@pytest.mark.parametrize(
    "name, value",
    [
        ("DEBUG", "perhaps"),
        ("AXES_FAILURE_LIMIT", "five"),
        ("STEGVIS_ENV", "staging"),
        ("STEGVIS_PHASE_BOUNDARIES", "5,2"),
    ],
)
def test_bad_values_name_the_variable(name, value, tmp_path):
    result = _load({"STEGVIS_VAR_DIR": str(tmp_path), name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "y" * 40 + "\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"} | {
        "SECRET_KEY_FILE": str(secret)
    }
    result = _load(env, "print(s.SECRET_KEY)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "from-a-file-" + "y" * 40


def test_production_profile_passes_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
