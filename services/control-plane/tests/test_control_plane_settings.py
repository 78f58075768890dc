"""Settings: OMNI_HEALTH_* reach the health policy; invalid values name the variable."""

from __future__ import annotations

import pytest
from omni_core.settings import SettingsError
from svc_control_plane.app import ControlPlaneSettings


def test_health_policy_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMNI_HEALTH_READINESS_WEIGHT", "40")
    monkeypatch.setenv("OMNI_HEALTH_RESTART_WINDOW", "120")
    policy = ControlPlaneSettings().health_policy()
    assert policy.readiness_weight == 40 and policy.restart_window == 120
    assert policy.request_errors_weight == 20  # default


def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMNI_HEALTH_DEAD_AFTER_BEATS", "0")
    with pytest.raises(SettingsError) as info:
        ControlPlaneSettings()
    assert "OMNI_HEALTH_DEAD_AFTER_BEATS" in info.value.variables
