"""Reading, validating and generating scenario files (TOML -> core objects)."""

from exercise.scenario.loader import load_scenario, parse_scenario

__all__ = ["load_scenario", "parse_scenario"]
