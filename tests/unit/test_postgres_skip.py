"""Without PostgreSQL the server tests skip with one line saying how to enable them; in CI
(CI=true) they fail instead, so a CI machine missing it cannot pass by skipping them."""

from __future__ import annotations

import pytest

from tests import postgres


def test_without_postgresql_the_tests_skip_with_how_to_enable_them(monkeypatch):
    monkeypatch.setattr(postgres, "bin_dir", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        postgres.require()
    message = str(skipped.value)
    assert "\n" not in message and "pg_ctl" in message and "apt-get install postgresql" in message


def test_in_ci_a_missing_postgresql_fails_the_tests(monkeypatch):
    monkeypatch.setattr(postgres, "bin_dir", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI"):
        postgres.require()
